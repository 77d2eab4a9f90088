package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

func readyz(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("readyz", stderr)
	addr := fs.String("addr", "localhost:8080", "address the simulator listens on (serve's --addr)")
	url := fs.String("target", "", "base URL of the simulator (default: http://<addr>)")
	alias(fs, "url", "target")
	timeout := fs.Duration("timeout", 2*time.Second, "how long to wait for the answer")
	if code, ok := parseArgs(fs, args, stderr); !ok {
		return code
	}
	if *url == "" {
		host, port, err := net.SplitHostPort(*addr)
		if err != nil {
			fmt.Fprintf(stderr, "jiocxsim readyz: --addr %q: %v\n", *addr, err)
			return 2
		}
		if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
			host = "localhost" // serve --addr :8080 answers on loopback too
		}
		*url = "http://" + net.JoinHostPort(host, port)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(*url, "/")+"/readyz", nil)
	if err != nil {
		fmt.Fprintln(stderr, "jiocxsim readyz:", err)
		return 2
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintln(stderr, "jiocxsim readyz: not ready:", err)
		return 1
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintln(stderr, "jiocxsim readyz: not ready: HTTP", resp.StatusCode)
		return 1
	}
	fmt.Fprintln(stdout, "ready")
	return 0
}
