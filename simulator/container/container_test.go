package container_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/testcontainers/testcontainers-go"

	"github.com/jiocxsim/jiocxsim/internal/imagetest"
	"github.com/jiocxsim/jiocxsim/simulator/client"
	"github.com/jiocxsim/jiocxsim/simulator/container"
)

const key = "7a1c0e4f9b2d4c6e8f0a1b2c3d4e5f60-8f4b3d9a-e931-478d-a994-28a725159ab9"

// TestContainer starts the image, sends through the API, receives the
// delivery report from inside the container on a 127.0.0.1 endpoint of the
// test, drives the control plane through Control (fake clock, profiles and
// the DLT registry given as files), and terminates the container.
func TestContainer(t *testing.T) {
	img := imagetest.Image(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	dir := t.TempDir()
	profiles := writeFile(t, dir, "profiles.json", `{"profiles":[{"number":"919812340001","rcs":1,"sms":0}]}`)
	dlt := writeFile(t, dir, "dlt.json", `{"entities":[{"id":"1109876543210000001","name":"Container Test Ltd"}]}`)
	sim, err := container.Run(ctx, img,
		container.WithHostNetwork(), container.WithFakeClock(), container.WithAPIKey(key),
		container.WithProfiles(profiles), container.WithDLTRegistry(dlt), container.WithFlag("log-level", "warn"))
	testcontainers.CleanupContainer(t, sim)
	if err != nil {
		t.Fatal(err)
	}
	base, err := sim.BaseURL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("host networking base URL %q is not on loopback", base)
	}
	ctl, err := sim.Control(ctx)
	if err != nil {
		t.Fatal(err)
	}

	reports := make(chan json.RawMessage, 16)
	sink := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		reports <- b
	}))
	defer sink.Close()

	var messageID string
	t.Run("send", func(t *testing.T) {
		status, body := post(t, ctx, base+"/ott/rcs/1/message", sim.APIKey(), `{"from":"DemoAgent","to":"919999000001","content":{"type":"TEXT","text":"hello from a container test"}}`)
		var out struct {
			Messages []struct {
				MessageID string `json:"messageId"`
				Status    struct {
					GroupName string `json:"groupName"`
				} `json:"status"`
			} `json:"messages"`
		}
		if status != http.StatusOK || json.Unmarshal(body, &out) != nil || len(out.Messages) != 1 || out.Messages[0].Status.GroupName != "PENDING" {
			t.Fatalf("send: HTTP %d %s", status, body)
		}
		messageID = out.Messages[0].MessageID
		if status, body := post(t, ctx, base+"/ott/rcs/1/message", strings.Replace(key, "7a1c", "0000", 1), `{"from":"DemoAgent","to":"919999000001","content":{"type":"TEXT","text":"x"}}`); status != http.StatusUnauthorized {
			t.Errorf("a key other than WithAPIKey's: HTTP %d %s, want 401", status, body)
		}
	})

	t.Run("callback from the container", func(t *testing.T) {
		if messageID == "" {
			t.Skip("nothing was sent")
		}
		cb, err := sim.CallbackURL(sink.URL + "/dlr")
		if err != nil {
			t.Fatal(err)
		}
		if err := ctl.SetSettings(ctx, client.Settings{DeliveryReportURL: cb}); err != nil {
			t.Fatal(err)
		}
		// The fake clock holds the outcome until the test moves time.
		if m, err := ctl.Message(ctx, messageID); err != nil || m.Status.GroupName != "PENDING" {
			t.Fatalf("before advancing: %+v, %v", m.Status, err)
		}
		if err := ctl.Advance(ctx, time.Minute); err != nil {
			t.Fatal(err)
		}
		select {
		case b := <-reports:
			if !bytes.Contains(b, []byte(messageID)) || !bytes.Contains(b, []byte("DELIVERED_TO_HANDSET")) {
				t.Fatalf("report: %s", b)
			}
		case <-ctx.Done():
			t.Fatal("no delivery report reached the test's endpoint")
		}
		attempts, err := ctl.Attempts(ctx, 1, 10*time.Second)
		if err != nil || len(attempts) == 0 || attempts[0].URL != cb || attempts[0].Status != http.StatusOK {
			t.Fatalf("attempts %+v, %v", attempts, err)
		}
	})

	t.Run("control plane", func(t *testing.T) {
		var number struct {
			Decision struct {
				Source string `json:"source"`
				RCS    int    `json:"rcs"`
			} `json:"decision"`
		}
		getJSON(t, ctx, base+"/_sim/numbers/919812340001", sim, &number)
		if number.Decision.Source != "profile" || number.Decision.RCS != 1 {
			t.Errorf("WithProfiles' file not loaded: %+v", number.Decision)
		}
		var reg struct {
			Registry struct {
				Entities []struct{ ID string } `json:"entities"`
			} `json:"registry"`
		}
		getJSON(t, ctx, base+"/_sim/dlt", sim, &reg)
		if len(reg.Registry.Entities) != 1 || reg.Registry.Entities[0].ID != "1109876543210000001" {
			t.Errorf("WithDLTRegistry's file not loaded: %+v", reg.Registry)
		}
		// Unscoped and without the token, the control plane refuses.
		var ce *client.Error
		if err := client.New(base).Reset(ctx); !errors.As(err, &ce) || (ce.Status != http.StatusUnauthorized && ce.Status != http.StatusForbidden) {
			t.Errorf("unscoped call without the token: %v", err)
		}
		if err := ctl.Reset(ctx); err != nil {
			t.Fatal(err)
		}
		if msgs, err := ctl.Messages(ctx, client.MessageQuery{}); err != nil || len(msgs) != 0 {
			t.Errorf("after Reset: %d messages, %v", len(msgs), err)
		}
	})

	t.Run("terminate", func(t *testing.T) {
		if err := sim.Terminate(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := sim.State(ctx); err == nil {
			t.Error("the container is still there after Terminate")
		}
		if err := ctl.Ready(ctx); err == nil {
			t.Error("the simulator still answers after Terminate")
		}
	})
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func post(t *testing.T, ctx context.Context, url, apiKey, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "App "+apiKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// getJSON reads a control-plane endpoint the typed client has no method for,
// with the container's credentials.
func getJSON(t *testing.T, ctx context.Context, url string, sim *container.Container, out any) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "App "+sim.APIKey())
	req.Header.Set(client.TokenHeader, sim.ControlToken())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || json.Unmarshal(b, out) != nil {
		t.Fatalf("GET %s: HTTP %d %s", url, resp.StatusCode, b)
	}
}
