package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// newFlagSet makes a flag set whose usage names the command.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("jiocxsim "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// envName is the environment twin of a flag: api-key -> JIOCXSIM_API_KEY.
func envName(flagName string) string {
	return "JIOCXSIM_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// parse applies environment twins for every flag not given on the command
// line, then parses args. Command-line values win.
func parse(fs *flag.FlagSet, args []string, getenv func(string) string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if set[f.Name] || err != nil {
			return
		}
		v := getenv(envName(f.Name))
		if v == "" {
			return
		}
		if _, multi := f.Value.(*stringList); multi {
			for _, part := range strings.Split(v, ",") {
				if part = strings.TrimSpace(part); part != "" {
					if e := f.Value.Set(part); e != nil {
						err = fmt.Errorf("%s: %w", envName(f.Name), e)
					}
				}
			}
			return
		}
		if e := f.Value.Set(v); e != nil {
			err = fmt.Errorf("%s=%q: %w", envName(f.Name), v, e)
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
// reports !ok the command returns code: 0 after -h, 2 after a usage error
// (printed, prefixed with the flag set's name).
func parseArgs(fs *flag.FlagSet, args []string, stderr io.Writer) (code int, ok bool) {
	err := parse(fs, args, os.Getenv)
	switch {
	case err == nil:
		return 0, true
	case errors.Is(err, flag.ErrHelp):
		return 0, false
	}
	fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), err)
	return 2, false
}
