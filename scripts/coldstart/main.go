// Command coldstart measures how long a jiocxsim binary takes from exec to
// its first 200 on /readyz: it starts `BINARY serve` on a loopback port some
// number of times, polls /readyz every 100 µs, and prints the median and the
// fastest run. Each run's process is stopped before the next starts.
//
//	go build -o /tmp/jiocxsim ./cmd/jiocxsim
//	go run ./scripts/coldstart -bin /tmp/jiocxsim -n 20
package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"time"
)

func main() {
	bin := flag.String("bin", "", "the jiocxsim binary to start")
	n := flag.Int("n", 20, "runs")
	port := flag.Int("port", 18089, "loopback port serve listens on")
	flag.Parse()
	if *bin == "" || *n < 1 || *n > 1000 {
		fmt.Fprintln(os.Stderr, "coldstart: -bin is required and -n must be 1..1000")
		os.Exit(2)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", *port)
	client := &http.Client{Timeout: 50 * time.Millisecond}
	var runs []time.Duration
	for range *n {
		d, err := once(client, *bin, addr)
		if err != nil {
			fmt.Fprintln(os.Stderr, "coldstart:", err)
			os.Exit(1)
		}
		runs = append(runs, d)
	}
	slices.Sort(runs)
	fmt.Printf("cold start to /readyz over %d runs: median %v, fastest %v, slowest %v\n",
		len(runs), runs[len(runs)/2].Round(10*time.Microsecond), runs[0].Round(10*time.Microsecond), runs[len(runs)-1].Round(10*time.Microsecond))
}

func once(client *http.Client, bin, addr string) (time.Duration, error) {
	cmd := exec.Command(bin, "serve", "--addr", addr, "--log-level", "warn")
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	deadline := start.Add(5 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := client.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(start), nil
			}
		}
		time.Sleep(100 * time.Microsecond)
	}
	return 0, fmt.Errorf("%s did not answer /readyz on %s within 5 s", bin, addr)
}
