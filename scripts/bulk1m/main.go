// Command bulk1m measures a large campaign through the RCS v1 bulk endpoint:
// it starts `BINARY serve` on loopback, sends -n messages in bulk requests of
// -batch from -c concurrent clients, and prints how long the sends took, how
// long until every lifecycle step had run (the reports are in the pull
// queue), and the simulator's peak RSS (VmHWM) at both points.
//
//	CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /tmp/jiocxsim ./cmd/jiocxsim
//	go run ./scripts/bulk1m -bin /tmp/jiocxsim -n 1000000
//
// Extra serve flags go after --, e.g. `-- --max-messages 200000`.
// Everything goes to 127.0.0.1; the run stops after -timeout.
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jiocxsim/jiocxsim/scripts/internal/simproc"
)

func main() {
	bin := flag.String("bin", "", "the jiocxsim binary")
	n := flag.Int("n", 1_000_000, "messages to send")
	batch := flag.Int("batch", 1000, "messages per bulk request")
	conc := flag.Int("c", 4, "concurrent clients")
	port := flag.Int("port", 18097, "loopback port")
	timeout := flag.Duration("timeout", 5*time.Minute, "give up after this long")
	heap := flag.String("heap", "", "at the end, save a heap profile from this pprof address (serve's --pprof, given after --) to heap.prof")
	flag.Parse()
	if *bin == "" || *n < 1 || *batch < 1 || *conc < 1 {
		fmt.Fprintln(os.Stderr, "usage: bulk1m -bin BINARY [-n N] [-batch B] [-c C] [-- serve flags]")
		os.Exit(2)
	}
	if err := run(*bin, *n, *batch, *conc, *port, *timeout, *heap, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "bulk1m:", err)
		os.Exit(1)
	}
}

func run(bin string, n, batch, conc, port int, timeout time.Duration, heap string, extra []string) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	args := append([]string{"serve", "--addr", fmt.Sprintf("127.0.0.1:%d", port), "--log-level", "warn"}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	if err := simproc.WaitReady(ctx, base); err != nil {
		return err
	}

	bodies := make(chan []byte, conc)
	go func() {
		defer close(bodies)
		for sent := 0; sent < n; sent += batch {
			select {
			case bodies <- bulkBody(sent, min(batch, n-sent)):
			case <-ctx.Done():
				return
			}
		}
	}()
	var failed atomic.Int64
	var firstErr atomic.Value
	start := time.Now()
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for body := range bodies {
				if err := post(ctx, base+"/ott/rcs/1/message/bulk", body); err != nil {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, err)
				}
			}
		}()
	}
	wg.Wait()
	sendTime := time.Since(start)
	if f := failed.Load(); f > 0 {
		return fmt.Errorf("%d bulk requests failed, the first: %v", f, firstErr.Load())
	}
	sendRSS := simproc.PeakRSS(cmd.Process.Pid)
	if err := waitSteps(ctx, base); err != nil {
		return err
	}
	doneTime := time.Since(start)
	fmt.Printf("%d messages in bulks of %d from %d clients: sent in %.1fs (%.0f/s), every step run after %.1fs; peak RSS %d MiB after the sends, %d MiB at the end\n",
		n, batch, conc, sendTime.Seconds(), float64(n)/sendTime.Seconds(), doneTime.Seconds(), sendRSS>>20, simproc.PeakRSS(cmd.Process.Pid)>>20)
	if heap != "" {
		return saveHeap("http://" + heap + "/debug/pprof/heap?gc=1")
	}
	return nil
}

// bulkBody is one v1 bulk request of k text messages to RCS-capable numbers.
func bulkBody(from, k int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"messages":[`)
	for i := range k {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"from":"DemoAgent","to":"9198%08d","content":{"type":"TEXT","text":"Campaign message %d"}}`, (from+i)%100_000_000, from+i)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

func post(ctx context.Context, url string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "App "+simproc.APIKey)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	answer, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d: %.200s", res.StatusCode, answer)
	}
	return nil
}

// waitSteps polls /metrics until no lifecycle step is pending.
func waitSteps(ctx context.Context, base string) error {
	for {
		pending, err := gauge(base+"/metrics", "jiocxsim_lifecycle_steps_pending")
		if err != nil {
			return err
		}
		if pending == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%v lifecycle steps still pending at the timeout", pending)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func gauge(url, name string) (float64, error) {
	res, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, name+" "); ok {
			return strconv.ParseFloat(strings.TrimSpace(rest), 64)
		}
	}
	return 0, fmt.Errorf("%s not in /metrics", name)
}

func saveHeap(url string) error {
	res, err := http.Get(url)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	f, err := os.Create("heap.prof")
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, res.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
