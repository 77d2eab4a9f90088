package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"
)

// Every command's flags are GNU long flags (spf13/pflag): --addr VALUE or
// --addr=VALUE; a single dash is only for the one-letter -h. A command adds a
// flag with one line (fs.String("name", default, "usage")); its environment
// twin, its help line and its listing in --help follow from that line.
//
// Environment twins are scoped to their command, so a variable set for one
// never changes another: serve, the default command (and the container's),
// reads JIOCXSIM_<FLAG>; every other command reads JIOCXSIM_<COMMAND>_<FLAG>
// (JIOCXSIM_SEND_TEST_API_KEY, JIOCXSIM_READYZ_ADDR). `jiocxsim <command>
// --help` lists them.

// newFlagSet makes the flag set of a command.
func newFlagSet(name string, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet("jiocxsim "+name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	fs.Usage = func() { printCommandUsage(fs, name) }
	return fs
}

// commandName is the command a flag set belongs to ("send-test").
func commandName(fs *pflag.FlagSet) string { return strings.TrimPrefix(fs.Name(), "jiocxsim ") }

// envPrefix is where a command's environment twins start.
func envPrefix(command string) string {
	if command == "serve" {
		return "JIOCXSIM_"
	}
	return "JIOCXSIM_" + strings.ToUpper(strings.ReplaceAll(command, "-", "_")) + "_"
}

// envName is the environment twin of a command's flag: (send-test, api-key)
// -> JIOCXSIM_SEND_TEST_API_KEY.
func envName(command, flagName string) string {
	return envPrefix(command) + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// alias adds old as a hidden name of the flag name, for scripts written
// before the rename; using it prints that it is deprecated.
func alias(fs *pflag.FlagSet, old, name string) {
	f := fs.Lookup(name)
	fs.AddFlag(&pflag.Flag{Name: old, Usage: f.Usage, Value: f.Value, DefValue: f.DefValue, NoOptDefVal: f.NoOptDefVal,
		Deprecated: "use --" + name, Hidden: true})
}

// parse parses args, then applies the command's environment twins to every
// flag not given on the command line. Command-line values win.
func parse(fs *pflag.FlagSet, args []string, getenv func(string) string) error {
	if err := fs.Parse(args); err != nil {
		if strings.Contains(err.Error(), "unknown shorthand flag") {
			err = fmt.Errorf("%w (long flags take two dashes: --addr, not -addr)", err)
		}
		return err
	}
	command := commandName(fs)
	var err error
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Changed || f.Deprecated != "" || err != nil {
			return
		}
		name := envName(command, f.Name)
		v := getenv(name)
		if v == "" {
			return
		}
		if _, multi := f.Value.(*stringList); multi {
			for _, part := range strings.Split(v, ",") {
				if part = strings.TrimSpace(part); part != "" {
					if e := f.Value.Set(part); e != nil {
						err = fmt.Errorf("%s: %w", name, e)
					}
				}
			}
			return
		}
		if e := f.Value.Set(v); e != nil {
			err = fmt.Errorf("%s=%q: %w", name, v, e)
		}
	})
	if fs.NArg() > 0 && err == nil {
		err = fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	return err
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }
func (l *stringList) Type() string       { return "string" }

// values returns what was set on the command line, or the defaults the list
// started with when nothing was: a repeatable flag with defaults replaces
// them rather than adding to them.
func (l stringList) values(defaults int) []string {
	if len(l) > defaults {
		return l[defaults:]
	}
	return l
}

// parseArgs parses a command's flags with their environment twins. When it
// reports !ok the command returns code: 0 after --help, 2 after a usage
// error (printed, prefixed with the command's name).
func parseArgs(fs *pflag.FlagSet, args []string, stderr io.Writer) (code int, ok bool) {
	err := parse(fs, args, os.Getenv)
	switch {
	case err == nil:
		return 0, true
	case errors.Is(err, pflag.ErrHelp):
		return 0, false
	}
	fmt.Fprintf(stderr, "%s: %v\nRun '%s --help' for its flags.\n", fs.Name(), err, fs.Name())
	return 2, false
}

// printCommandUsage is a command's --help: what it does, its flags, and the
// environment variables it (and only it) reads.
func printCommandUsage(fs *pflag.FlagSet, command string) {
	w := fs.Output()
	fmt.Fprintf(w, "Usage: jiocxsim %s [flags]\n\n", command)
	if c, ok := findCommand(command); ok {
		fmt.Fprintf(w, "%s\n\n", c.summary)
	}
	if !fs.HasAvailableFlags() {
		return
	}
	fmt.Fprintf(w, "Flags:\n%s\n", fs.FlagUsages())
	fmt.Fprintf(w, "Environment (read by %s only; a flag on the command line wins; repeatable flags take comma-separated values):\n", command)
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		fmt.Fprintf(w, "  %-44s --%s\n", envName(command, f.Name), f.Name)
	})
}
