package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

func readyz(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("readyz", stderr)
	addr := fs.String("addr", "localhost:8080", "address the simulator listens on (as for serve)")
	url := fs.String("url", "", "base URL of the simulator (default: http://<addr>)")
	timeout := fs.Duration("timeout", 2*time.Second, "how long to wait for the answer")
	if code, ok := parseArgs(fs, args, stderr); !ok {
		return code
	}
	if *url == "" {
		*url = "http://" + *addr
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
