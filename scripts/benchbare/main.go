// Command benchbare is the yardstick of scripts/bench-accept.sh: a bare
// net/http handler that decodes the same RCS v1 body the simulator accepts
// into the same typed request, and answers a canned body. It does none of
// the simulator's work (validation, auth, storing, lifecycle), so the ratio
// of the two rates says what that work costs.
//
//	go run ./scripts/benchbare -addr 127.0.0.1:18081
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// canned is the shape of the simulator's answer to a single RCS v1 send.
var canned = []byte(`{"messages":[{"to":"919876543210","messageCount":1,"messageId":"2033247207850523791",` +
	`"status":{"groupId":1,"groupName":"PENDING","id":7,"name":"PENDING_ENROUTE","description":"Message sent to next instance"}}]}` + "\n")

func main() {
	addr := flag.String("addr", "127.0.0.1:18081", "loopback address to listen on")
	limit := flag.Duration("for", 10*time.Minute, "exit after this long (the script stops it sooner)")
	flag.Parse()
	host, _, err := net.SplitHostPort(*addr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		fmt.Fprintln(os.Stderr, "benchbare: -addr must be a loopback address")
		os.Exit(2)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /ott/rcs/1/message", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		var req wire.RCSSendRequest
		if err == nil {
			err = json.Unmarshal(body, &req)
		}
		if err != nil || req.To == "" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(canned)
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok\n") })
	time.AfterFunc(*limit, func() { os.Exit(0) })
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	if err := srv.ListenAndServe(); err != nil {
		fmt.Fprintln(os.Stderr, "benchbare:", err)
		os.Exit(1)
	}
}
