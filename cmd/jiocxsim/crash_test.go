package main

// A crash test: a simulator in a separate process keeps its state in a
// folder, is killed with SIGKILL while clients send and its callback
// endpoint refuses a share of the reports (so messages are in every state:
// being accepted, mid-lifecycle, reports queued, waiting for a retry, being
// POSTed), and restarts on the same folder. Every message it answered 200
// for must be there after each restart, no id may be handed out twice, and
// in the end every accepted message's final report must have reached the
// endpoint; a report may arrive twice only as part of a batch that was in
// flight at a kill (at least once), and those are counted.
//
// Rounds default to 3; JIOCXSIM_CRASH_ROUNDS=20 for the long run.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const crashChildEnv = "JIOCXSIM_CRASH_CHILD_ARGS"

// startChild starts `jiocxsim serve` in a child process and returns it with
// its base URL once it listens.
func startChild(t *testing.T, dir string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+strings.Join([]string{
		"serve", "--addr", "127.0.0.1:0", "--data", dir, "--log-level", "error",
		"--delay-rcs", "50ms", "--delay-sms", "50ms",
		// Retries within the test's time: 20ms + 5ms*n^2, enough attempts
		// that the refusing endpoint never exhausts one.
		"--retry-base", "20ms", "--retry-unit", "5ms", "--retry-max-attempts", "1000",
	}, "\x1f"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// A failing test must not leave its child running.
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if _, base, ok := strings.Cut(sc.Text(), " listening on "); ok {
			go func() {
				for sc.Scan() {
				}
			}()
			return cmd, base
		}
	}
	t.Fatalf("child ended before listening: %v", sc.Err())
	return nil, ""
}

const crashKey = "003026bbc133714df1834b8638bb496e-8f4b3d9a-e931-478d-a994-28a725159ab9"

// sendUntilDead sends single SMS from 4 clients until the server stops
// answering, and returns the messageIds it answered 200 for. Each message
// asks for its delivery report at sink.
func sendUntilDead(base, sink string, round int) []string {
	var mu sync.Mutex
	var ids []string
	var wg sync.WaitGroup
	hc := &http.Client{Timeout: 5 * time.Second}
	for c := 0; c < 4; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				body := fmt.Sprintf(`{"messages":[{"destinations":[{"to":"91980%02d%05d"}],"content":{"text":"crash %d"},"webhooks":{"delivery":{"url":%q}}}]}`,
					round, i%100000, i, sink)
				req, _ := http.NewRequest(http.MethodPost, base+"/sms/3/messages", strings.NewReader(body))
				req.Header.Set("Authorization", "App "+crashKey)
				req.Header.Set("Content-Type", "application/json")
				resp, err := hc.Do(req)
				if err != nil {
					return
				}
				var ans struct {
					Messages []struct {
						MessageID string `json:"messageId"`
					} `json:"messages"`
				}
				err = json.NewDecoder(resp.Body).Decode(&ans)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK {
					return
				}
				mu.Lock()
				for _, m := range ans.Messages {
					ids = append(ids, m.MessageID)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return ids
}

func storedIDs(t *testing.T, base string) []string {
	t.Helper()
	resp, err := http.Get(base + "/_sim/messages")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Messages []struct {
			MessageID string `json:"messageId"`
		} `json:"messages"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(out.Messages))
	for _, m := range out.Messages {
		ids = append(ids, m.MessageID)
	}
	return ids
}

// reportSink is the callback endpoint: it refuses about a quarter of the
// POSTs (503) and counts, per messageId, the final reports it accepted.
type reportSink struct {
	mu      sync.Mutex
	rng     *rand.Rand
	finals  map[string]int
	posts   int
	refused int
}

func (k *reportSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Results []struct {
			MessageID string `json:"messageId"`
			Status    struct {
				GroupName string `json:"groupName"`
			} `json:"status"`
		} `json:"results"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.posts++
	if k.rng.IntN(4) == 0 {
		k.refused++
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	for _, res := range body.Results {
		if res.Status.GroupName != "PENDING" {
			k.finals[res.MessageID]++
		}
	}
}

// missing returns the accepted ids whose final report has not arrived, and
// the reports that arrived more than once.
func (k *reportSink) missing(accepted map[string]bool) (missing []string, duplicates int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	for id := range accepted {
		if k.finals[id] == 0 {
			missing = append(missing, id)
		}
	}
	for _, n := range k.finals {
		duplicates += n - 1
	}
	return missing, duplicates
}

// resentCallbacks reads the child's count of callbacks it POSTed again
// because their batch was in flight when the previous process died.
func resentCallbacks(t *testing.T, base string) int {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, resentMetric+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			return int(f)
		}
	}
	t.Fatalf("no %s in /metrics", resentMetric)
	return 0
}

// crashRoundsEnv is JIOCXSIM_CRASH_ROUNDS as TestMain found it.
var crashRoundsEnv string

const resentMetric = "jiocxsim_callbacks_resent_total"

func TestCrashKeepsAcceptedMessages(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills processes")
	}
	rounds := 3
	if n, err := strconv.Atoi(crashRoundsEnv); err == nil && n > 0 {
		rounds = n
	}
	sink := &reportSink{rng: rand.New(rand.NewPCG(1, 2)), finals: map[string]int{}}
	srv := httptest.NewServer(sink)
	defer srv.Close()
	dir := t.TempDir()
	accepted := map[string]bool{}
	resent := 0
	for round := 0; round < rounds; round++ {
		cmd, base := startChild(t, dir)
		stored := storedIDs(t, base)
		seen := map[string]bool{}
		for _, id := range stored {
			if seen[id] {
				t.Fatalf("round %d: id %s stored twice", round, id)
			}
			seen[id] = true
		}
		for id := range accepted {
			if !seen[id] {
				t.Fatalf("round %d: accepted message %s lost in the crash (%d stored, %d accepted)", round, id, len(stored), len(accepted))
			}
		}
		done := make(chan []string)
		go func() { done <- sendUntilDead(base, srv.URL+"/dlr", round) }()
		time.Sleep(time.Duration(100+rand.IntN(300)) * time.Millisecond)
		// Batches caught in flight by the last kill are re-posted at once
		// after the start; this process's count is read just before its own.
		resent += resentCallbacks(t, base)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		ids := <-done
		for _, id := range ids {
			if accepted[id] || seen[id] {
				t.Fatalf("round %d: id %s handed out again after a restart", round, id)
			}
			accepted[id] = true
		}
		t.Logf("round %d: %d stored at start, %d accepted before the kill", round, len(stored), len(ids))
	}
	_, base := startChild(t, dir)
	stored := map[string]bool{}
	for _, id := range storedIDs(t, base) {
		stored[id] = true
	}
	for id := range accepted {
		if !stored[id] {
			t.Fatalf("accepted message %s lost", id)
		}
	}
	// The last process finishes what the others left: lifecycle steps due,
	// reports queued and retries. Wait (bounded) for every final report.
	var missing []string
	var duplicates int
	for deadline := time.Now().Add(90 * time.Second); ; {
		missing, duplicates = sink.missing(accepted)
		if len(missing) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	resent += resentCallbacks(t, base)
	if len(missing) > 0 {
		t.Fatalf("%d of %d accepted messages never had their final report delivered (e.g. %s)", len(missing), len(accepted), missing[0])
	}
	if duplicates > resent {
		t.Errorf("%d reports delivered twice, but only %d callbacks were in flight at the kills", duplicates, resent)
	}
	sink.mu.Lock()
	posts, refused := sink.posts, sink.refused
	sink.mu.Unlock()
	t.Logf("%d kills: %d messages accepted, all %d stored, every final report delivered; %d POSTs (%d refused), %d reports delivered twice, %d callbacks re-sent after a kill",
		rounds, len(accepted), len(stored), posts, refused, duplicates, resent)
}
