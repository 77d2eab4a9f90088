package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// listen runs a callback endpoint that prints every request it receives:
// the quickest way to watch delivery reports and replies arrive.
func listen(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("listen", stderr)
	addr := fs.String("addr", "localhost:9090", "address to listen on (host:port; :9090 is every interface)")
	status := fs.Int("status", http.StatusOK, "HTTP status to answer with")
	refuse := fs.Int("refuse", 0, "answer 503 to the first N requests (to watch retries)")
	if code, ok := parseArgs(fs, args, stderr); !ok {
		return code
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "jiocxsim listen:", err)
		return 1
	}
	fmt.Fprintf(stdout, "listening on %s (answering %d", strings.Join(baseURLs(ln.Addr()), " "), *status)
	if *refuse > 0 {
		fmt.Fprintf(stdout, ", 503 to the first %d", *refuse)
	}
	fmt.Fprintln(stdout, ")")
	var mu sync.Mutex
	n := 0
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 16<<20))
		mu.Lock()
		defer mu.Unlock()
		n++
		answer := *status
		if n <= *refuse {
			answer = http.StatusServiceUnavailable
		}
		var pretty bytes.Buffer
		if json.Indent(&pretty, body, "  ", "  ") != nil {
			pretty.Reset()
			pretty.Write(body)
		}
		fmt.Fprintf(stdout, "#%d %s %s -> %s\n  %s\n", n, r.Method, r.URL.RequestURI(), strconv.Itoa(answer), pretty.String())
		w.WriteHeader(answer)
	})}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() { <-ctx.Done(); _ = srv.Close() }()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "jiocxsim listen:", err)
		return 1
	}
	return 0
}
