// Command loadtest drives a jiocxsim binary on loopback with a bounded load
// and a callback sink that refuses a share of the POSTs, and reports what
// the issue "Safe to share" asks for: messages accepted, reports delivered
// exactly once (lost and duplicated), peak RSS of the simulator, the time
// the callback queue takes to drain after the load, and the latency of a
// short-link click during the load.
//
//	go build -o /tmp/jiocxsim ./cmd/jiocxsim
//	go run ./scripts/loadtest -bin /tmp/jiocxsim -duration 60s -c 256 -refuse 0.1
//
// Everything goes to 127.0.0.1 and stops after -duration plus -drain-timeout.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jiocxsim/jiocxsim/scripts/internal/simproc"
)

func main() {
	bin := flag.String("bin", "jiocxsim", "the jiocxsim binary")
	duration := flag.Duration("duration", 60*time.Second, "how long to send")
	conns := flag.Int("c", 256, "concurrent senders")
	refuse := flag.Float64("refuse", 0.1, "share of callback POSTs the sink refuses with 503")
	drainTimeout := flag.Duration("drain-timeout", 5*time.Minute, "give up waiting for the queue after this")
	extra := flag.String("serve-flags", "--retry-base 1s --retry-unit 0 --log-level error", "extra flags for jiocxsim serve")
	flag.Parse()
	if err := run(*bin, *duration, *conns, *refuse, *drainTimeout, strings.Fields(*extra)); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// sink is the client's callback endpoint.
type sink struct {
	refuse   float64
	mu       sync.Mutex
	seen     map[string]int // messageId -> reports accepted
	posts    atomic.Int64
	refused  atomic.Int64
	accepted atomic.Int64 // reports (results) accepted
}

func (s *sink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.posts.Add(1)
	body, _ := io.ReadAll(r.Body)
	if rand.Float64() < s.refuse {
		s.refused.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	var b struct {
		Results []struct {
			MessageID string `json:"messageId"`
		} `json:"results"`
	}
	if json.Unmarshal(body, &b) == nil {
		s.mu.Lock()
		for _, res := range b.Results {
			s.seen[res.MessageID]++
			s.accepted.Add(1)
		}
		s.mu.Unlock()
	}
	w.WriteHeader(http.StatusOK)
}

func (s *sink) counts() (unique, dup int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, n := range s.seen {
		if id == "" {
			continue
		}
		unique++
		if n > 1 {
			dup += n - 1
		}
	}
	return unique, dup
}

func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func run(bin string, duration time.Duration, conns int, refuse float64, drainTimeout time.Duration, extra []string) error {
	sk := &sink{refuse: refuse, seen: map[string]int{}}
	sinkLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	sinkSrv := &http.Server{Handler: sk}
	go func() { _ = sinkSrv.Serve(sinkLn) }()
	defer sinkSrv.Close()
	sinkURL := "http://" + sinkLn.Addr().String() + "/reports"

	addr, err := freePort()
	if err != nil {
		return err
	}
	args := append([]string{"serve", "--addr", addr, "--delivery-url", sinkURL}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Stdout = io.Discard
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	base := "http://" + addr
	readyCtx, cancelReady := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancelReady()
	if err := simproc.WaitReady(readyCtx, base); err != nil {
		return fmt.Errorf("%w; stderr: %s", err, stderr.String())
	}

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conns * 2, MaxConnsPerHost: conns * 2},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }, Timeout: 30 * time.Second}
	code, err := trackedLink(client, base, sinkURL)
	if err != nil {
		return err
	}

	var peakRSS atomic.Int64
	stopRSS := make(chan struct{})
	go func() {
		for {
			if rss := simproc.PeakRSS(cmd.Process.Pid); rss > peakRSS.Load() {
				peakRSS.Store(rss)
			}
			select {
			case <-stopRSS:
				return
			case <-time.After(200 * time.Millisecond):
			}
		}
	}()

	fmt.Printf("load: %d senders for %s, sink refuses %.0f%%, serve %s\n", conns, duration, refuse*100, strings.Join(extra, " "))
	var accepted, failed atomic.Int64
	// ctx only says when to stop sending; requests in flight finish, so that
	// every message the simulator accepted is counted.
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	var wg sync.WaitGroup
	for i := 0; i < conns; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			n := 0
			for ctx.Err() == nil {
				n++
				to := fmt.Sprintf("9199990%05d", (i*7919+n)%100000)
				to = to[:7] + "0" + to[8:] // S=0: delivered
				body := `{"messages":[{"sender":"InfoSMS","destinations":[{"to":"` + to + `"}],"content":{"text":"load"}}]}`
				req, _ := http.NewRequest(http.MethodPost, base+"/sms/3/messages", strings.NewReader(body))
				req.Header.Set("Authorization", "App "+simproc.APIKey)
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err != nil {
					failed.Add(1)
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					accepted.Add(1)
				} else {
					failed.Add(1)
				}
			}
		}(i)
	}
	var clicks []time.Duration
	clickErrs := 0
	tick := time.NewTicker(250 * time.Millisecond)
	for ctx.Err() == nil {
		select {
		case <-ctx.Done():
		case <-tick.C:
			start := time.Now()
			resp, err := client.Get(base + "/t/" + code)
			if err != nil || resp.StatusCode != http.StatusFound {
				clickErrs++
			}
			if resp != nil {
				resp.Body.Close()
			}
			clicks = append(clicks, time.Since(start))
		}
	}
	tick.Stop()
	wg.Wait()
	cancel()
	loadEnd := time.Now()

	// Drain: every accepted message has exactly one final report (the
	// tracked message adds one more).
	want := int(accepted.Load()) + 1
	deadline := loadEnd.Add(drainTimeout)
	unique, _ := sk.counts()
	for unique < want && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
		unique, _ = sk.counts()
	}
	drain := time.Since(loadEnd)
	time.Sleep(2 * time.Second) // late duplicates would show here
	unique, dup := sk.counts()
	close(stopRSS)

	sort.Slice(clicks, func(i, j int) bool { return clicks[i] < clicks[j] })
	pct := func(p float64) time.Duration {
		if len(clicks) == 0 {
			return 0
		}
		return clicks[min(len(clicks)-1, int(float64(len(clicks))*p))]
	}
	fmt.Printf("accepted:            %d messages (%.0f/s), %d requests failed\n", accepted.Load(), float64(accepted.Load())/duration.Seconds(), failed.Load())
	fmt.Printf("reports:             %d of %d delivered exactly once, %d lost, %d duplicated\n", unique, want, want-unique, dup)
	fmt.Printf("sink:                %d POSTs, %d refused\n", sk.posts.Load(), sk.refused.Load())
	fmt.Printf("drain after load:    %s%s\n", drain.Round(10*time.Millisecond), map[bool]string{true: " (gave up)", false: ""}[unique < want])
	fmt.Printf("peak RSS:            %.1f MB\n", float64(peakRSS.Load())/(1<<20))
	fmt.Printf("click during load:   %d clicks, p50 %s, p99 %s, max %s, %d errors\n", len(clicks), pct(0.5).Round(time.Microsecond),
		pct(0.99).Round(time.Microsecond), pct(1).Round(time.Microsecond), clickErrs)
	return nil
}

// trackedLink sends one message with a tracked URL and returns its short code.
func trackedLink(c *http.Client, base, sinkURL string) (string, error) {
	body := `{"messages":[{"sender":"InfoSMS","destinations":[{"to":"919999000001","messageId":"tracked"}],"content":{"text":"see https://shop.example/x"}}],` +
		`"options":{"tracking":{"trackingUrl":"` + sinkURL + `"}}}`
	req, _ := http.NewRequest(http.MethodPost, base+"/sms/3/messages", strings.NewReader(body))
	req.Header.Set("Authorization", "App "+simproc.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	req, _ = http.NewRequest(http.MethodGet, base+"/_sim/links?messageId=tracked", nil)
	req.Header.Set("Authorization", "App "+simproc.APIKey)
	resp, err = c.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct {
		Links []struct {
			Code string `json:"code"`
		} `json:"links"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || len(out.Links) == 0 {
		return "", fmt.Errorf("no tracked link (%v)", err)
	}
	return out.Links[0].Code, nil
}
