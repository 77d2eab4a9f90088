// Command jiocxsim runs the JioCX (Infobip) API simulator and its tools.
//
//	jiocxsim [serve] [flags]   run the simulator (default)
//	jiocxsim conformance [flags]  the go-live checklist against any target
//	jiocxsim inbound [flags]   a user's reply, tap, location or file
//	jiocxsim listen [flags]    print the callbacks a URL receives
//	jiocxsim send-test [flags] the dashboard's Send Test, with a timeline
//	jiocxsim readyz [flags]    exit 0 when a simulator answers on --url
//	jiocxsim version           print the version
//
// Every flag has an environment twin: --addr is JIOCXSIM_ADDR, --api-key is
// JIOCXSIM_API_KEY (comma-separated for several), and so on.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches a subcommand and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, stdout, stderr)
	case "readyz":
		return readyz(ctx, args, stdout, stderr)
	case "inbound":
		return inbound(ctx, args, stdout, stderr)
	case "conformance":
		return conformance(ctx, args, stdout, stderr)
	case "listen":
		return listen(ctx, args, stdout, stderr)
	case "send-test":
		return sendTestCommand(ctx, args, stdout, stderr)
	case "watch":
		return runWatch(args, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "jiocxsim", version)
		return 0
	case "help", "-h", "--help":
		usage(stdout)
		return 0
	}
	fmt.Fprintf(stderr, "jiocxsim: unknown command %q\n\n", cmd)
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Usage: jiocxsim <command> [flags]

Commands:
  serve        run the simulator (the default command)
  conformance  run the go-live checklist against a simulator or a real account
  inbound      send a user's reply, tap, location or file to a running simulator
  listen       a callback endpoint that prints what it receives
  send-test    do what the dashboard's Send Test does and print the timeline
  watch        print a running simulator's events, one line each
  readyz       exit 0 when a simulator answers (container health checks)
  version      print the version

Run "jiocxsim <command> -h" for a command's flags. Every flag has a
JIOCXSIM_* environment twin (--addr = JIOCXSIM_ADDR).
`)
}
