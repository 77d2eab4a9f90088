package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/clock"
)

// configFile is the --config document.
type configFile struct {
	Accounts []simulator.Account `json:"accounts"`
}

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", stderr)
	addr := fs.String("addr", "localhost:8080", "address to listen on")
	var apiKeys stringList
	fs.Var(&apiKeys, "api-key", "accept only this API key, each its own account (repeatable); default: any well-formed key")
	configPath := fs.String("config", "", "JSON file with {\"accounts\":[{\"name\",\"apiKeys\",\"users\":[{\"username\",\"password\"}],\"scopes\"}]}")
	controlToken := fs.String("control-token", "", "require this token in the X-Jiocxsim-Token header on /_sim/")
	noControl := fs.Bool("no-control", false, "remove the /_sim/ control plane (behave exactly like the real service)")
	seed := fs.Uint64("seed", 1, "seed of the simulator's random source (ids, tokens)")
	clockKind := fs.String("clock", "real", "real, or fake (time stands still until POST /_sim/clock/advance)")
	counterIDs := fs.Bool("counter-ids", false, "short sequential ids (rcs-1, sms-2) instead of Infobip-shaped ones")
	bulkArray := fs.Bool("bulk-response-array", false, "answer /ott/rcs/1/message/bulk with a JSON array (community SDK shape)")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	if err := parse(fs, args, os.Getenv); err != nil {
		if errors.Is(err, flagHelp) {
			return 0
		}
		fmt.Fprintln(stderr, "jiocxsim serve:", err)
		return 2
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintln(stderr, "jiocxsim serve: --log-level:", err)
		return 2
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	opts := []simulator.Option{simulator.WithLogger(logger), simulator.WithSeed(*seed)}
	switch *clockKind {
	case "real":
	case "fake":
		opts = append(opts, simulator.WithClock(clock.NewFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))))
	default:
		fmt.Fprintf(stderr, "jiocxsim serve: --clock must be real or fake, not %q\n", *clockKind)
		return 2
	}
	var accounts []simulator.Account
	for _, k := range apiKeys {
		accounts = append(accounts, simulator.Account{Name: k, APIKeys: []string{k}})
	}
	if *configPath != "" {
		cfg, err := readConfig(*configPath)
		if err != nil {
			fmt.Fprintln(stderr, "jiocxsim serve:", err)
			return 2
		}
		accounts = append(accounts, cfg.Accounts...)
	}
	if len(accounts) > 0 {
		opts = append(opts, simulator.WithAccounts(accounts...))
	}
	if *controlToken != "" {
		opts = append(opts, simulator.WithControlToken(*controlToken))
	}
	if *noControl {
		opts = append(opts, simulator.WithoutControl())
	}
	if *counterIDs {
		opts = append(opts, simulator.WithCounterIDs())
	}
	if *bulkArray {
		opts = append(opts, simulator.WithBulkResponseArray())
	}
	sim, err := simulator.New(opts...)
	if err != nil {
		fmt.Fprintln(stderr, "jiocxsim serve:", err)
		return 2
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "jiocxsim serve:", err)
		return 1
	}
	base := "http://" + displayAddr(ln.Addr().String())
	key := sim.SampleAPIKey()
	printBanner(stdout, base, key)

	srv := &http.Server{Handler: sim, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintln(stderr, "jiocxsim serve:", err)
		return 1
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		logger.Warn("shutdown", "err", err)
	}
	if err := sim.Close(shutdownCtx); err != nil {
		logger.Warn("close", "err", err)
	}
	return 0
}

func readConfig(path string) (configFile, error) {
	var cfg configFile
	b, err := os.ReadFile(path)
	if err != nil {
		return cfg, fmt.Errorf("--config: %w", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		return cfg, fmt.Errorf("--config %s: %w", path, err)
	}
	return cfg, nil
}

// displayAddr turns a listener address into one a person can paste: the
// unspecified address becomes localhost.
func displayAddr(a string) string {
	host, port, err := net.SplitHostPort(a)
	if err != nil {
		return a
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

func printBanner(w io.Writer, base, key string) {
	fmt.Fprintf(w, "jiocxsim %s listening on %s\n", version, base)
	if key == "" {
		fmt.Fprintln(w, "API keys: only the configured ones")
		key = "<your key>"
	} else {
		fmt.Fprintf(w, "API key:  %s   (any key of this shape is accepted, each is its own account)\n", key)
	}
	fmt.Fprintf(w, `try:
  curl -s %s/ott/rcs/1/message -H 'Authorization: App %s' -H 'Content-Type: application/json' \
    -d '{"from":"DemoAgent","to":"919999000001","content":{"type":"TEXT","text":"Hello from jiocxsim"}}'
`, base, key)
}
