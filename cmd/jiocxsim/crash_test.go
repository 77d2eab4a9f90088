package main

// A crash test: a simulator in a separate process keeps its state in a
// folder, is killed with SIGKILL while clients send, and restarts on the
// same folder. Every message it answered 200 for must be there after the
// restart, and no id may be handed out twice across restarts.
//
// Rounds default to 3; JIOCXSIM_CRASH_ROUNDS=20 for the long run.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
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
// answering, and returns the messageIds it answered 200 for.
func sendUntilDead(base string) []string {
	var mu sync.Mutex
	var ids []string
	var wg sync.WaitGroup
	hc := &http.Client{Timeout: 5 * time.Second}
	for c := 0; c < 4; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				body := fmt.Sprintf(`{"messages":[{"destinations":[{"to":"9198%08d"}],"content":{"text":"crash %d"}}]}`, i, i)
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

func TestCrashKeepsAcceptedMessages(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills processes")
	}
	rounds := 3
	if n, err := strconv.Atoi(os.Getenv("JIOCXSIM_CRASH_ROUNDS")); err == nil && n > 0 {
		rounds = n
	}
	dir := t.TempDir()
	accepted := map[string]bool{}
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
		go func() { done <- sendUntilDead(base) }()
		time.Sleep(time.Duration(100+rand.IntN(300)) * time.Millisecond)
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
	t.Logf("%d kills: %d messages accepted, all %d stored", rounds, len(accepted), len(stored))
}
