// Command jiocxsim runs the JioCX (Infobip) API simulator and its tools.
//
//	jiocxsim [serve] [flags]      run the simulator (default)
//	jiocxsim conformance [flags]  the go-live checklist against any target
//	jiocxsim inbound [flags]      a user's reply, tap, location or file
//	jiocxsim listen [flags]       print the callbacks a URL receives
//	jiocxsim send-test [flags]    the dashboard's Send Test, with a timeline
//	jiocxsim readyz [flags]       exit 0 when a simulator answers
//	jiocxsim version              print the version
//	jiocxsim help [command]       this list, or a command's flags
//
// Flags are GNU long flags (--addr VALUE). Each has an environment twin read
// by its own command only: JIOCXSIM_<FLAG> for serve (JIOCXSIM_ADDR),
// JIOCXSIM_<COMMAND>_<FLAG> for the others (JIOCXSIM_SEND_TEST_API_KEY).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// version is set at build time with -ldflags "-X main.version=..."; when it
// is not, the module version from the build info is printed (what
// `go install ...@v1.2.3` records).
var version = "dev"

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand.
type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

// commands lists the subcommands in the order help shows them. A new
// subcommand is one line here (and its own file). It is filled in init
// because the commands' help reads it.
var commands []command

func init() {
	commands = []command{
		{"serve", "run the simulator (the default command)", serve},
		{"conformance", "run the go-live checklist against a simulator or a real account", conformance},
		{"inbound", "send a user's reply, tap, location or file to a running simulator", inbound},
		{"listen", "a callback endpoint that prints what it receives", listen},
		{"send-test", "do what the dashboard's Send Test does and print the timeline", sendTestCommand},
		{"watch", "print a running simulator's events, one line each", noContext(runWatch)},
		{"readyz", "exit 0 when a simulator answers (container health checks)", readyz},
		{"version", "print the version", printVersion},
	}
}

// noContext adapts a command written as run(args, stdout, stderr) int.
func noContext(f func(args []string, stdout, stderr io.Writer) int) func(context.Context, []string, io.Writer, io.Writer) int {
	return func(_ context.Context, args []string, stdout, stderr io.Writer) int { return f(args, stdout, stderr) }
}

func findCommand(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// run dispatches a subcommand and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	name := "serve"
	switch {
	case len(args) == 0:
	case args[0] == "-h" || args[0] == "--help":
		usage(stdout)
		return 0
	case args[0] == "--version":
		return printVersion(ctx, nil, stdout, stderr)
	case args[0] == "help":
		if len(args) == 1 {
			usage(stdout)
			return 0
		}
		c, ok := findCommand(args[1])
		if !ok {
			fmt.Fprintf(stderr, "jiocxsim help: unknown command %q\n\n", args[1])
			usage(stderr)
			return 2
		}
		// A command's help goes to stdout when asked for.
		return c.run(ctx, []string{"--help"}, stdout, stdout)
	case !strings.HasPrefix(args[0], "-"):
		name, args = args[0], args[1:]
	}
	c, ok := findCommand(name)
	if !ok {
		fmt.Fprintf(stderr, "jiocxsim: unknown command %q\n\n", name)
		usage(stderr)
		return 2
	}
	return c.run(ctx, args, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprint(w, "Usage: jiocxsim <command> [flags]\n\nCommands:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `  help         this list; "jiocxsim help <command>" shows a command's flags

Without a command, jiocxsim serves. "jiocxsim <command> --help" lists a
command's flags and the JIOCXSIM_* environment variables it reads (each
command reads only its own: JIOCXSIM_ADDR is serve's --addr,
JIOCXSIM_SEND_TEST_API_KEY is send-test's --api-key).
`)
}

// versionString is the ldflags version, else the module version of the
// build, else "dev".
func versionString() string {
	bi, _ := debug.ReadBuildInfo()
	return pickVersion(version, bi)
}

func pickVersion(ldflags string, bi *debug.BuildInfo) string {
	if ldflags != "dev" {
		return ldflags
	}
	if bi != nil && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return ldflags
}

func printVersion(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("version", stderr)
	if code, ok := parseArgs(fs, args, stderr); !ok {
		return code
	}
	fmt.Fprintln(stdout, "jiocxsim", versionString())
	return 0
}
