// Command notifier is a small order-notification service that sends RCS
// through JioCX (Infobip's platform), with an SMS fallback and India DLT ids:
// a reference integration for jiocxsim's integration mode. Its -break flag
// makes it fail the ways real integrations fail, so the suite can be seen
// telling a good integration from a bad one. See README.md.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"
	"time"
)

func main() {
	cfg := Config{}
	addr := flag.String("addr", "127.0.0.1:8090", "where the service listens")
	flag.StringVar(&cfg.Platform, "platform", envOr("NOTIFIER_PLATFORM", "http://127.0.0.1:18080"), "the platform's base URL (JioCX, or jiocxsim)")
	flag.StringVar(&cfg.APIKey, "api-key", os.Getenv("NOTIFIER_API_KEY"), "the platform API key")
	flag.StringVar(&cfg.Agent, "agent", "DemoAgent", "the RCS agent to send from")
	flag.StringVar(&cfg.SMSSender, "sms-sender", "DEMOSMS", "the SMS fallback's sender (a registered DLT header)")
	flag.StringVar(&cfg.PrincipalEntity, "dlt-pe", "1101234567890123456", "India DLT principal entity id")
	flag.StringVar(&cfg.Template, "dlt-template", "1107161234567890124", "India DLT content template id of the fallback text")
	flag.BoolVar(&cfg.Tracking, "tracking", true, "turn provider click tracking on")
	flag.DurationVar(&cfg.RetryBase, "retry-base", time.Second, "wait before the first retry of a refused send (doubles each time)")
	breaks := flag.String("break", "", "comma-separated ways to break: "+strings.Join(AllBreaks, ", "))
	flag.Parse()
	if cfg.APIKey == "" {
		log.Fatal("notifier: -api-key (or NOTIFIER_API_KEY) is required")
	}
	for _, b := range strings.Split(*breaks, ",") {
		if b = strings.TrimSpace(b); b == "" {
			continue
		}
		if !known(b) {
			log.Fatalf("notifier: unknown -break %q (known: %s)", b, strings.Join(AllBreaks, ", "))
		}
		cfg.Breaks = append(cfg.Breaks, b)
	}
	svc := New(cfg)
	fmt.Printf("notifier listening on http://%s, sending to %s\n", *addr, cfg.Platform)
	srv := &http.Server{Addr: *addr, Handler: svc, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
