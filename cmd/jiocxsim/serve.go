package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strconv"
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

// profilesFile is the --profiles document.
type profilesFile struct {
	Profiles []simulator.Profile `json:"profiles"`
}

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", stderr)
	addr := fs.String("addr", "localhost:8080", "address to listen on")
	var apiKeys stringList
	fs.Var(&apiKeys, "api-key", "accept only this API key, each its own account (repeatable); default: any well-formed key")
	configPath := fs.String("config", "", "JSON file with {\"accounts\":[{\"name\",\"apiKeys\",\"users\":[{\"username\",\"password\"}],\"scopes\"}]}")
	controlToken := fs.String("control-token", "", "require this token in the X-Jiocxsim-Token header on /_sim/")
	noControl := fs.Bool("no-control", false, "remove the /_sim/ control plane (behave exactly like the real service)")
	noUI := fs.Bool("no-ui", false, "do not serve the web UI at / and /ui/ (--no-control turns it off too)")
	seed := fs.Uint64("seed", 0, "seed of the simulator's random source (ids, keys, tokens); 0: a new seed, printed at start (--seed N replays it)")
	clockKind := fs.String("clock", "real", "real, or fake (time stands still until POST /_sim/clock/advance)")
	counterIDs := fs.Bool("counter-ids", false, "short sequential ids (rcs-1, sms-2) instead of Infobip-shaped ones")
	bulkArray := fs.Bool("bulk-response-array", false, "answer /ott/rcs/1/message/bulk with a JSON array (community SDK shape)")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error (info: one line per API request and per callback attempt)")
	logFormat := fs.String("log-format", "text", "text, or json (one object per line, for machines)")
	profilesPath := fs.String("profiles", "", "JSON file with number-plan profiles {\"profiles\":[{\"number\"|\"prefix\",\"rcs\",\"sms\",\"account\"}]}")
	d := simulator.DefaultDelays()
	fs.DurationVar(&d.RCS, "delay-rcs", d.RCS, "time from acceptance to the RCS outcome")
	fs.DurationVar(&d.SMS, "delay-sms", d.SMS, "time from the start of an SMS leg to its outcome")
	fs.DurationVar(&d.Slow, "delay-slow", d.Slow, "time a slow (S=4) SMS spends DELIVERED_TO_OPERATOR")
	fs.DurationVar(&d.Seen, "delay-seen", d.Seen, "time from delivery to the seen report (R=5)")
	rp := simulator.DefaultRetryPolicy()
	fs.DurationVar(&rp.Base, "retry-base", rp.Base, "callback retry n waits retry-base + retry-unit*n^2 (Infobip: 1m + 1m*n^2)")
	fs.DurationVar(&rp.Unit, "retry-unit", rp.Unit, "see --retry-base")
	fs.IntVar(&rp.MaxAttempts, "retry-max-attempts", rp.MaxAttempts, "attempts per callback batch before it is kept as failed")
	fs.DurationVar(&rp.Timeout, "callback-timeout", rp.Timeout, "timeout of one callback POST")
	workers := fs.Int("callback-workers", 8, "callbacks delivered concurrently")
	maxMessages := fs.Int("max-messages", 500_000, "messages kept; beyond it the oldest are forgotten")
	allowDup := fs.Bool("allow-duplicate-message-ids", false, "let clients reuse their messageIds (default: a reused one is REJECTED_DUPLICATE_MESSAGE_ID)")
	deliveryURL := fs.String("delivery-url", "", "delivery-report URL of every account that sets none (Infobip's subscription)")
	dltPath := fs.String("dlt", "", "JSON DLT registry every account starts with (default: the sample in fixtures/dlt.json)")
	dltMode := fs.String("dlt-mode", "lenient", "DLT scrubbing of SMS to Indian numbers: strict, lenient or off (per account over /_sim/dlt/mode)")
	trackingBase := fs.String("tracking-base-url", "", "where short links point, e.g. https://sim.example/t (default: /t on the host a send came to)")
	var trackers stringList
	fs.Var(&trackers, "tracker-pattern", "regular expression of another click tracker's links, flagged as double wrapping (repeatable; replaces the defaults)")
	senderField := fs.String("mo-ott-sender-field", "sender", "how RCS inbound bodies name the user: sender (the schema), or from/both for the older Viber-style shape")
	grace := fs.Duration("shutdown-grace", 10*time.Second, "on SIGTERM, time to finish requests, callbacks and lifecycle steps before exiting")
	var publicHosts, callbackAllow stringList
	fs.Var(&publicHosts, "public-host", "host name the control plane and UI answer to besides IP literals and localhost (repeatable; * for any)")
	fs.Var(&callbackAllow, "callback-allow", "regular expression of callback URLs allowed to reach the simulator's own listener (repeatable)")
	lanes := fs.Int("callback-lanes", 64, "lanes per callback URL, by end user: a report waiting for its retry holds back only its own lane's (keeps each conversation in order)")
	maxConns := fs.Int("max-connections", 2048, "connections served normally; beyond it a small spare lane keeps /readyz and /_sim/ answering")
	kw := simulator.DefaultKeywords()
	stopWords := stringList(kw.Stop)
	startWords := stringList(kw.Start)
	fs.Var(&stopWords, "stop-keyword", "a word that opts a user out of an agent (repeatable; replaces the defaults)")
	fs.Var(&startWords, "start-keyword", "a word that opts a user back in (repeatable; replaces the defaults)")
	pprofAddr := fs.String("pprof", "", "serve Go's profiler (/debug/pprof/) on this loopback address, e.g. 127.0.0.1:6060")
	dataDir := fs.String("data", "", "keep the simulator's state in an embedded database in this folder (default: in memory)")
	writeBehind := fs.Bool("data-write-behind", false, "with --data, answer sends before their messages are committed (faster; a crash may lose the last milliseconds)")
	maxAge := fs.Duration("max-age", 0, "forget messages accepted longer ago than this (0: keep them until --max-messages)")
	var gc gcPolicy
	gc.register(fs)
	if code, ok := parseArgs(fs, args, stderr); !ok {
		return code
	}
	gcDesc, err := gc.applyParsed(os.Getenv)
	if err != nil {
		fmt.Fprintln(stderr, "jiocxsim serve:", err)
		return 2
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintln(stderr, "jiocxsim serve: --log-level:", err)
		return 2
	}
	var logger *slog.Logger
	switch *logFormat {
	case "text":
		logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	case "json":
		logger = slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))
	default:
		fmt.Fprintf(stderr, "jiocxsim serve: --log-format must be text or json, not %q\n", *logFormat)
		return 2
	}
	logger.Debug("garbage collector", "policy", gcDesc)

	opts := []simulator.Option{simulator.WithLogger(logger)}
	if *seed != 0 {
		opts = append(opts, simulator.WithSeed(*seed))
	}
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
	if *profilesPath != "" {
		var pf profilesFile
		if err := readJSONFile(*profilesPath, &pf); err != nil {
			fmt.Fprintln(stderr, "jiocxsim serve: --profiles:", err)
			return 2
		}
		opts = append(opts, simulator.WithProfiles(pf.Profiles...))
	}
	reg := simulator.SampleDLTRegistry()
	if *dltPath != "" {
		reg = simulator.DLTRegistry{}
		if err := readJSONFile(*dltPath, &reg); err != nil {
			fmt.Fprintln(stderr, "jiocxsim serve: --dlt:", err)
			return 2
		}
	}
	if *trackingBase != "" {
		opts = append(opts, simulator.WithTrackingBaseURL(*trackingBase))
	}
	if len(trackers) > 0 {
		opts = append(opts, simulator.WithTrackerPatterns(trackers...))
	}
	opts = append(opts,
		simulator.WithDLT(reg, *dltMode),
		simulator.WithDelays(d),
		simulator.WithRetryPolicy(rp),
		simulator.WithCallbackWorkers(*workers, 100_000),
		simulator.WithMaxMessages(*maxMessages),
		simulator.WithDefaultSettings(simulator.AccountSettings{DeliveryReportURL: *deliveryURL}),
		simulator.WithOTTSenderField(simulator.SenderField(*senderField)),
		simulator.WithKeywords(simulator.Keywords{Stop: stopWords.values(len(kw.Stop)), Start: startWords.values(len(kw.Start))}),
	)
	if *controlToken != "" {
		opts = append(opts, simulator.WithControlToken(*controlToken))
	}
	if *noControl {
		opts = append(opts, simulator.WithoutControl())
	}
	opts = append(opts, simulator.WithPublicHosts(publicHosts...), simulator.WithCallbackAllow(callbackAllow...), simulator.WithMaxConnections(*maxConns), simulator.WithCallbackLanes(*lanes))
	opts = append(opts, simulator.WithUI(!*noUI))
	if *allowDup {
		opts = append(opts, simulator.WithDuplicateMessageIDs())
	}
	if *counterIDs {
		opts = append(opts, simulator.WithCounterIDs())
	}
	if *bulkArray {
		opts = append(opts, simulator.WithBulkResponseArray())
	}
	if *dataDir != "" {
		opts = append(opts, simulator.WithDataDir(*dataDir))
		if *writeBehind {
			opts = append(opts, simulator.WithDataWriteBehind())
		}
	}
	if *maxAge > 0 {
		opts = append(opts, simulator.WithMaxAge(*maxAge))
	}
	sim, err := simulator.New(opts...)
	if err != nil {
		fmt.Fprintln(stderr, "jiocxsim serve:", err)
		return 2
	}
	if *pprofAddr != "" {
		ps, err := startPprof(*pprofAddr)
		if err != nil {
			fmt.Fprintln(stderr, "jiocxsim serve:", err)
			return 2
		}
		defer ps.Close()
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "jiocxsim serve:", err)
		return 1
	}
	key := sim.SampleAPIKey()
	if err := sim.NoteListener(ln.Addr()); err != nil { // may generate the control token
		fmt.Fprintln(stderr, "jiocxsim serve:", err)
		return 1
	}
	printBanner(stdout, ln.Addr(), sim.Seed(), key, len(accounts) == 0)
	fmt.Fprint(stdout, sim.ControlBanner())

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if _, err := sim.Run(ctx, ln, *grace); err != nil {
		fmt.Fprintln(stderr, "jiocxsim serve:", err)
		return 1
	}
	return 0
}

func readConfig(path string) (configFile, error) {
	var cfg configFile
	if err := readJSONFile(path, &cfg); err != nil {
		return cfg, fmt.Errorf("--config: %w", err)
	}
	return cfg, nil
}

// readJSONFile decodes a JSON file strictly: an unknown field is a mistake
// worth reporting, not something to ignore.
func readJSONFile(path string, dst any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// baseURLs are the URLs a listener answers at: its own address, or for the
// unspecified address (--addr :8080) one per interface address, loopback
// first, since that is what a person on this machine can paste.
func baseURLs(a net.Addr) []string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return []string{"http://" + a.String()}
	}
	port := strconv.Itoa(tcp.Port)
	ipv4Only := tcp.IP.To4() != nil
	var loop, other []string
	addrs, _ := net.InterfaceAddrs()
	for _, ia := range addrs {
		n, ok := ia.(*net.IPNet)
		if !ok || n.IP.IsLinkLocalUnicast() || (ipv4Only && n.IP.To4() == nil) {
			continue
		}
		u := "http://" + net.JoinHostPort(n.IP.String(), port)
		if n.IP.IsLoopback() {
			loop = append(loop, u)
		} else {
			other = append(other, u)
		}
	}
	if len(loop)+len(other) == 0 {
		return []string{"http://" + net.JoinHostPort("localhost", port)}
	}
	return append(loop, other...)
}

func printBanner(w io.Writer, addr net.Addr, seed uint64, key string, open bool) {
	urls := baseURLs(addr)
	base := urls[0]
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		fmt.Fprintf(w, "jiocxsim %s listening on every interface, port %d: %s\n", versionString(), tcp.Port, strings.Join(urls, " "))
	} else {
		fmt.Fprintf(w, "jiocxsim %s listening on %s\n", versionString(), base)
	}
	fmt.Fprintf(w, "seed:     %d   (--seed %d hands out the same ids and keys again)\n", seed, seed)
	switch {
	case key == "":
		fmt.Fprintln(w, "API keys: only the configured ones (no API key configured: use Basic or a session)")
		key = "<your key>"
	case open:
		fmt.Fprintf(w, "API key:  %s   (any key of this shape is accepted, each is its own account)\n", key)
	default:
		fmt.Fprintf(w, "API key:  %s   (only the configured keys are accepted)\n", key)
	}
	fmt.Fprintf(w, `try:
  curl -s %s/ott/rcs/1/message -H 'Authorization: App %s' -H 'Content-Type: application/json' \
    -d '{"from":"DemoAgent","to":"919999000001","content":{"type":"TEXT","text":"Hello from jiocxsim"}}'
`, base, key)
}
