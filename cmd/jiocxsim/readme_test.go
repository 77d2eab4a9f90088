package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestREADMEConsoleBlocks runs every ```console block of the README that
// starts a command of ours (`go run ./cmd/jiocxsim ...` or `jiocxsim ...`),
// command by command, against a fresh simulator, and compares each
// command's output with the README's after normalising what differs from
// run to run (ids, keys, timestamps, ports, timings). So the README cannot
// drift from the binary. A block preceded by
//
//	<!-- not runnable: <reason> -->
//
// is skipped with that reason (a real account, a public tunnel), and one
// preceded by
//
//	<!-- simulator: <serve flags> -->
//
// runs against a simulator started with those flags (--clock=fake). In the
// README's expected output a line "..." stands for any number of lines.
//
// Our commands run in this process; the others (curl, sleep) run in bash.
// localhost:8080 is the block's simulator and localhost:9090 its listener.
func TestREADMEConsoleBlocks(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed: the README's examples use it")
	}
	blocks := readmeBlocks(t, filepath.Join("..", "..", "README.md"))
	ran := 0
	for _, b := range blocks {
		t.Run(fmt.Sprintf("line_%d", b.line), func(t *testing.T) {
			if b.skip != "" {
				t.Skip("README: not runnable: " + b.skip)
			}
			ran++
			runBlock(t, b)
		})
	}
	if ran < 5 {
		t.Fatalf("only %d runnable console blocks with our commands in the README; the parser is probably broken", ran)
	}
}

type readmeStep struct {
	line int
	cmd  string   // the command, continuation lines joined with newlines
	want []string // the output lines the README shows
}

type readmeBlock struct {
	line     int
	skip     string
	simFlags []string
	steps    []readmeStep
}

var (
	notRunnable = regexp.MustCompile(`^<!--\s*not runnable:\s*(.*?)\s*-->$`)
	simulatorIs = regexp.MustCompile(`^<!--\s*simulator:\s*(.*?)\s*-->$`)
	ourCommand  = regexp.MustCompile(`^(go run \./cmd/jiocxsim|jiocxsim)(\s|$)`)
)

// readmeBlocks returns the console blocks that contain a command of ours.
func readmeBlocks(t *testing.T, path string) []readmeBlock {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var (
		out         []readmeBlock
		cur         *readmeBlock
		lastComment string
		simFlags    []string
		n           int
	)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		n++
		line := sc.Text()
		switch {
		case cur == nil && line == "```console":
			cur = &readmeBlock{line: n, skip: lastComment, simFlags: simFlags}
		case cur == nil:
			if m := notRunnable.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
				lastComment = m[1]
			} else if m := simulatorIs.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
				simFlags = strings.Fields(m[1])
			} else if strings.TrimSpace(line) != "" {
				lastComment, simFlags = "", nil
			}
		case line == "```":
			for _, s := range cur.steps {
				if ourCommand.MatchString(s.cmd) {
					out = append(out, *cur)
					break
				}
			}
			cur, lastComment, simFlags = nil, "", nil
		case len(cur.steps) > 0 && openCommand(cur.steps[len(cur.steps)-1].cmd):
			cur.steps[len(cur.steps)-1].cmd += "\n" + line
		case strings.HasPrefix(line, "$ "):
			cur.steps = append(cur.steps, readmeStep{line: n, cmd: strings.TrimPrefix(line, "$ ")})
		case len(cur.steps) > 0:
			s := &cur.steps[len(cur.steps)-1]
			s.want = append(s.want, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// openCommand says whether a command continues on the next line: it ends
// with a backslash, or a quote is still open.
func openCommand(cmd string) bool {
	if strings.HasSuffix(cmd, "\\") {
		return true
	}
	var quote rune
	for _, r := range cmd {
		switch {
		case quote == 0 && (r == '\'' || r == '"'):
			quote = r
		case r == quote:
			quote = 0
		}
	}
	return quote != 0
}

// readmeEnv is a running simulator and listener for one block.
type readmeEnv struct {
	sim, listener string // host:port
	key           string
	dir           string
}

func runBlock(t *testing.T, b readmeBlock) {
	env := readmeEnv{dir: t.TempDir()}
	flags := append([]string{"--seed", "1", "--delay-rcs", "50ms", "--delay-sms", "50ms", "--delay-slow", "100ms", "--delay-seen", "50ms"}, b.simFlags...)
	base, key, _ := startServe(t, flags...)
	env.sim, env.key = strings.TrimPrefix(base, "http://"), key
	env.listener = startListener(t)
	for _, s := range b.steps {
		for len(s.want) > 0 && strings.TrimSpace(s.want[len(s.want)-1]) == "" {
			s.want = s.want[:len(s.want)-1] // the blank line before the next command
		}
		got := env.runStep(t, s)
		if diff := compareShape(s.want, got); diff != "" {
			t.Errorf("README line %d: $ %s\n%s\nwhole output:\n%s", s.line, s.cmd, diff, strings.Join(got, "\n"))
		}
	}
}

// startListener runs `jiocxsim listen` on a free port for the block.
func startListener(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &lockedBuffer{}
	done := make(chan int)
	go func() { done <- run(ctx, []string{"listen", "--addr", "127.0.0.1:0"}, out, io.Discard) }()
	t.Cleanup(func() { cancel(); <-done })
	waitFor(t, out, "listening on")
	m := regexp.MustCompile(`listening on http://(\S+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("listen printed %q", out.String())
	}
	return m[1]
}

func (e readmeEnv) substitute(cmd string) string {
	for _, a := range []string{"localhost:8080", "127.0.0.1:8080"} {
		cmd = strings.ReplaceAll(cmd, a, e.sim)
	}
	for _, a := range []string{"localhost:9090", "127.0.0.1:9090"} {
		cmd = strings.ReplaceAll(cmd, a, e.listener)
	}
	return cmd
}

// runStep runs one command and returns its output lines.
func (e readmeEnv) runStep(t *testing.T, s readmeStep) []string {
	t.Helper()
	cmd := e.substitute(s.cmd)
	if !ourCommand.MatchString(cmd) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c := exec.CommandContext(ctx, "bash", "-c", cmd)
		c.Dir = e.dir
		c.Env = append(os.Environ(), "K="+e.key)
		out, _ := c.CombinedOutput()
		return lines(string(out))
	}
	echoExit := false
	if i := strings.Index(cmd, `; echo "exit $?"`); i >= 0 {
		cmd, echoExit = cmd[:i], true
	}
	args, err := shellWords(cmd, map[string]string{"K": e.key})
	if err != nil {
		t.Fatalf("README line %d: %v", s.line, err)
	}
	if args[0] == "go" {
		args = args[3:] // go run ./cmd/jiocxsim
	} else {
		args = args[1:]
	}
	sub := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub = args[0]
	}
	for i := range args {
		if i > 0 && (args[i-1] == "--junit" || args[i-1] == "--cucumber") && !filepath.IsAbs(args[i]) {
			args[i] = filepath.Join(e.dir, args[i])
		}
	}
	switch sub {
	case "send-test", "inbound", "readyz":
		if !slices.Contains(args, "--target") {
			args = append(args, "--target", "http://"+e.sim)
		}
	case "serve", "listen":
		// A server: start it on a free port, read what it prints, stop it.
		if sub == "serve" && (len(args) == 0 || args[0] != "serve") {
			args = append([]string{"serve"}, args...)
		}
		ctx, cancel := context.WithCancel(context.Background())
		out := &lockedBuffer{}
		done := make(chan int)
		args = append(args, "--addr", "127.0.0.1:0")
		if sub == "serve" {
			args = append(args, "--log-level", "error")
		}
		go func() { done <- run(ctx, args, out, out) }()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) && len(lines(out.String())) < len(s.want) {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
		<-done
		got := lines(out.String())
		if len(got) > len(s.want) {
			got = got[:len(s.want)] // a server prints on; the README shows its start
		}
		return got
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var out lockedBuffer
	code := run(ctx, args, &out, &out)
	text := out.String()
	if echoExit {
		text += fmt.Sprintf("exit %d\n", code)
	} else if code != 0 {
		t.Errorf("README line %d: %v exited %d:\n%s", s.line, args, code, text)
	}
	return lines(text)
}

func lines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// shellWords splits a command line as a POSIX shell would for the commands
// the README uses: quotes, backslash-newline, $VAR and "$VAR", # comments.
func shellWords(cmd string, vars map[string]string) ([]string, error) {
	var (
		words []string
		cur   strings.Builder
		inTok bool
		quote rune
	)
	rs := []rune(cmd)
	expand := func(i int) int { // rs[i] == '$'; returns the index after the name
		j := i + 1
		for j < len(rs) && (rs[j] == '_' || rs[j] >= 'A' && rs[j] <= 'Z' || rs[j] >= 'a' && rs[j] <= 'z' || rs[j] >= '0' && rs[j] <= '9') {
			j++
		}
		cur.WriteString(vars[string(rs[i+1:j])])
		return j
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case quote == '\'':
			if r == '\'' {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case quote == '"':
			switch {
			case r == '"':
				quote = 0
			case r == '$':
				i = expand(i) - 1
			case r == '\\' && i+1 < len(rs) && strings.ContainsRune(`"\$`, rs[i+1]):
				i++
				cur.WriteRune(rs[i])
			default:
				cur.WriteRune(r)
			}
		case r == '\\' && i+1 < len(rs) && rs[i+1] == '\n':
			i++
		case r == ' ' || r == '\t' || r == '\n':
			if inTok {
				words = append(words, cur.String())
				cur.Reset()
				inTok = false
			}
		case r == '#' && !inTok:
			for i < len(rs) && rs[i] != '\n' {
				i++
			}
		case r == '\'' || r == '"':
			quote, inTok = r, true
		case r == '$':
			inTok = true
			i = expand(i) - 1
		case r == ';' || r == '|' || r == '&' || r == '>' || r == '<':
			return nil, fmt.Errorf("%q: the README test runs one command of ours at a time, without shell operators", cmd)
		default:
			cur.WriteRune(r)
			inTok = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("%q: unclosed quote", cmd)
	}
	if inTok {
		words = append(words, cur.String())
	}
	return words, nil
}

// Run-to-run differences, replaced before outputs are compared.
var shapeRules = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}`), "<time>"},
	{regexp.MustCompile(`(?i)\b[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`), "<api-key>"},
	{regexp.MustCompile(`(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`), "<uuid>"},
	{regexp.MustCompile(`(?i)\b[0-9a-f]{32,}\b`), "<hex>"},
	{regexp.MustCompile(`\b\d{13,}\b`), "<number>"},
	{regexp.MustCompile(`/t/[0-9A-Za-z]{8}\b`), "/t/<code>"},
	{regexp.MustCompile(`(localhost|127\.0\.0\.1|\[::1?\]|0\.0\.0\.0):\d+`), "<addr>"},
	{regexp.MustCompile(`\+ *\d+\.\d{3}s`), "+<t>"},
	{regexp.MustCompile(`\b\d+(\.\d+)?(ms|µs|s)\b`), "<duration>"},
	{regexp.MustCompile(`seed: +\d+ +\(--seed \d+`), "seed: <seed> (--seed <seed>"},
	{regexp.MustCompile(`jiocxsim (dev|v\S+|\(devel\)) listening`), "jiocxsim <version> listening"},
	{regexp.MustCompile(`[ \t]+`), " "},
}

func shape(s string) string {
	for _, r := range shapeRules {
		s = r.re.ReplaceAllString(s, r.with)
	}
	return strings.TrimSpace(s)
}

// compareShape matches got against want line by line after shape(); a
// want line "..." matches any run of lines. It returns "" on a match.
func compareShape(want, got []string) string {
	w := make([]string, len(want))
	for i := range want {
		w[i] = shape(want[i])
	}
	g := make([]string, len(got))
	for i := range got {
		g[i] = shape(got[i])
	}
	if matchLines(w, g) {
		return ""
	}
	var b bytes.Buffer
	fmt.Fprintln(&b, "output does not have the README's shape; README (normalised):")
	for _, l := range w {
		fmt.Fprintln(&b, "  "+l)
	}
	fmt.Fprintln(&b, "got (normalised):")
	for _, l := range g {
		fmt.Fprintln(&b, "  "+l)
	}
	return b.String()
}

func matchLines(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if want[0] == "..." {
		for i := 0; i <= len(got); i++ {
			if matchLines(want[1:], got[i:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && want[0] == got[0] && matchLines(want[1:], got[1:])
}

func TestShellWords(t *testing.T) {
	t.Parallel()
	got, err := shellWords(`go run ./cmd/jiocxsim send-test --api-key $K --phone 9999100001 --api v2 \
    --sms-message "Your order 42, \"$K\"" --tags '@a && ~@b'   # a comment`, map[string]string{"K": "key"})
	want := []string{"go", "run", "./cmd/jiocxsim", "send-test", "--api-key", "key", "--phone", "9999100001", "--api", "v2",
		"--sms-message", `Your order 42, "key"`, "--tags", "@a && ~@b"}
	if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("shellWords: %q %v", got, err)
	}
	if _, err := shellWords(`jiocxsim x | grep y`, nil); err == nil {
		t.Fatal("a pipe must be refused")
	}
	if !matchLines([]string{"a", "...", "d"}, []string{"a", "b", "c", "d"}) || matchLines([]string{"a", "d"}, []string{"a", "b", "d"}) {
		t.Fatal("matchLines")
	}
}
