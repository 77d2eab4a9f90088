package ui_test

// End-to-end tests of the UI in a real headless Chromium, driven with
// chromedp: a simulator and a callback sink run in this process on
// 127.0.0.1, and the browser is kept from reaching anything else.
//
// They skip when no Chromium is installed, unless JIOCXSIM_REQUIRE_BROWSER=1
// (CI), which makes a missing browser a failure. JIOCXSIM_SCREENSHOTS=DIR
// saves screenshots there (a relative DIR is taken from the module root:
// JIOCXSIM_SCREENSHOTS=docs refreshes the README's pictures).

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/clock"
)

// chromium finds the browser, or skips (fails under JIOCXSIM_REQUIRE_BROWSER=1).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("JIOCXSIM_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("JIOCXSIM_REQUIRE_BROWSER") == "1" {
		t.Fatal("JIOCXSIM_REQUIRE_BROWSER=1 but no chromium on PATH (install Debian's chromium package, or set JIOCXSIM_CHROMIUM)")
	}
	t.Skip("no chromium on PATH: the browser tests need Debian's chromium package (JIOCXSIM_REQUIRE_BROWSER=1 makes this a failure)")
	return ""
}

// browser starts a fresh headless Chromium with its own profile. The flags
// keep it off the network: no background or component updates, no sync, and
// every host name but 127.0.0.1 resolves to nothing.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := chromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication"),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	// Any uncaught exception in the page fails the test.
	msgs := chromedp.Console(ctx)
	var mu sync.Mutex
	var problems []string
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.IsException() {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("page: %s", p)
		}
	})
	return ctx
}

// sink is the integration's callback endpoint: it records every POST and
// serves pictures for cards at /img/NAME.png.
type sink struct {
	srv *httptest.Server
	mu  sync.Mutex
	got []posted
	sig chan struct{}
}

type posted struct {
	Path string
	Body map[string]any
}

func newSink(t *testing.T) *sink {
	s := &sink{sig: make(chan struct{})}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/img/") {
			w.Header().Set("Content-Type", "image/png")
			_ = png.Encode(w, picture(r.URL.Path))
			return
		}
		b, _ := io.ReadAll(r.Body)
		if r.URL.Path == "/refuse" {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		var body map[string]any
		_ = json.Unmarshal(b, &body)
		s.mu.Lock()
		s.got = append(s.got, posted{Path: r.URL.Path, Body: body})
		close(s.sig)
		s.sig = make(chan struct{})
		s.mu.Unlock()
	}))
	t.Cleanup(s.srv.Close)
	return s
}

// waitFor blocks until a recorded POST satisfies ok, or fails after 15 s.
func (s *sink) waitFor(t *testing.T, what string, ok func(posted) bool) posted {
	t.Helper()
	return s.waitCount(t, what, 1, ok)
}

// waitCount blocks until n recorded POSTs satisfy ok and returns the last.
func (s *sink) waitCount(t *testing.T, what string, n int, ok func(posted) bool) posted {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		s.mu.Lock()
		seen := 0
		for _, p := range s.got {
			if ok(p) {
				if seen++; seen == n {
					s.mu.Unlock()
					return p
				}
			}
		}
		sig := s.sig
		s.mu.Unlock()
		select {
		case <-sig:
		case <-deadline:
			s.mu.Lock()
			defer s.mu.Unlock()
			t.Fatalf("no callback %s; got %+v", what, s.got)
		}
	}
}

// picture is a gradient whose hue depends on the name, so cards differ.
func picture(name string) image.Image {
	var h byte
	for _, c := range []byte(name) {
		h = h*31 + c
	}
	img := image.NewRGBA(image.Rect(0, 0, 480, 300))
	for y := range 300 {
		for x := range 480 {
			img.Set(x, y, color.RGBA{R: byte(120 + x*100/480 + int(h%30)), G: byte(60 + y*120/300 + int(h%40)), B: byte(220 - x*120/480 - int(h%50)), A: 255})
		}
	}
	return img
}

type env struct {
	t    *testing.T
	sim  *simulator.Server
	base string
	key  string
	sink *sink
	ctx  context.Context
}

func setup(t *testing.T, opts ...simulator.Option) *env { return setupWith(t, nil, opts...) }

// setupWith puts wrap (when not nil) in front of the simulator.
func setupWith(t *testing.T, wrap func(http.Handler) http.Handler, opts ...simulator.Option) *env {
	ctx := browser(t)
	opts = append([]simulator.Option{simulator.WithDelays(simulator.Delays{RCS: 150 * time.Millisecond, SMS: 150 * time.Millisecond, Slow: time.Second, Seen: 300 * time.Millisecond})}, opts...)
	sim, err := simulator.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = sim
	if wrap != nil {
		h = wrap(sim)
	}
	srv := httptest.NewServer(h)
	// The page holds the event stream open: end it (Close ends every feed)
	// before the test server waits for its requests to finish.
	t.Cleanup(func() { _ = sim.Close(context.Background()); srv.CloseClientConnections(); srv.Close() })
	return &env{t: t, sim: sim, base: srv.URL, key: sim.SampleAPIKey(), sink: newSink(t), ctx: ctx}
}

// do runs browser steps with a time limit.
func (e *env) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, 20*time.Second)
	defer cancel()
	start := time.Now()
	defer func() { e.t.Logf("%s: %v", what, time.Since(start).Round(time.Millisecond)) }()
	if err := chromedp.Do(ctx, steps...); err != nil {
		html, _ := chromedp.Run(e.ctx, chromedp.Evaluate[string](`document.querySelector('main').innerText`))
		e.t.Fatalf("%s: %v\npage text:\n%s", what, err, html)
	}
}

// until waits for a JavaScript condition in the page.
func until(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(50*time.Millisecond))
}

// filter types a value into a filter field, as the input event reports it.
func filter(id, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const el = document.getElementById(%q); el.value = %q; el.dispatchEvent(new Event('input')); })()`, id, value))
}

// send posts a request to the API as the integration and returns the first messageId.
func (e *env) send(path string, body string) string {
	e.t.Helper()
	body = strings.ReplaceAll(body, "SINK", e.sink.srv.URL)
	req, _ := http.NewRequest(http.MethodPost, e.base+path, strings.NewReader(body))
	req.Header.Set("Authorization", "App "+e.key)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Messages []struct {
			MessageID string `json:"messageId"`
		} `json:"messages"`
	}
	b, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(b, &out); err != nil || res.StatusCode != 200 || len(out.Messages) == 0 {
		e.t.Fatalf("POST %s = %d %s", path, res.StatusCode, b)
	}
	return out.Messages[0].MessageID
}

func (e *env) final(id string) *simulator.Message {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	m, err := e.sim.WaitFor(ctx, "", id, simulator.Condition{Final: true})
	if err != nil {
		e.t.Fatalf("message %s never final: %v", id, err)
	}
	return m
}

// connect pastes the API key into the Connect form, as a person would.
func (e *env) connect() { e.connectExpecting("live") }

func (e *env) connectExpecting(mode string) {
	e.do("connect",
		chromedp.Navigate(e.base+"/#/connect"),
		chromedp.WaitVisible(chromedp.CSS("#api-key")),
		chromedp.SendKeys(chromedp.CSS("#api-key"), e.key),
		chromedp.Click(chromedp.CSS(`#connect-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("table#messages")),
		// With the event stream the UI must be reading it, not polling.
		until(fmt.Sprintf(`document.getElementById('live').textContent === %q`, mode)),
	)
}

// shot saves a screenshot when JIOCXSIM_SCREENSHOTS names a directory.
func (e *env) shot(name string) {
	e.t.Helper()
	dir := os.Getenv("JIOCXSIM_SCREENSHOTS")
	if dir == "" {
		return
	}
	if !filepath.IsAbs(dir) {
		root, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
		if err != nil {
			e.t.Fatal(err)
		}
		dir = filepath.Join(strings.TrimSpace(string(root)), dir)
	}
	// Let pictures load and the page settle before the picture is taken.
	e.do("settle", until(`[...document.images].every((i) => i.complete)`),
		until(`(document.getElementById('toast').hidden = true)`))
	ctx, cancel := context.WithTimeout(e.ctx, 20*time.Second)
	defer cancel()
	b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		e.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ui-"+name+".png"), b, 0o644); err != nil {
		e.t.Fatal(err)
	}
}

const cardRequest = `{"from":"DemoAgent","to":"%s","notifyUrl":"SINK/dlr","callbackData":"card-1",
 "content":{"type":"CARD","orientation":"VERTICAL","alignment":"LEFT","content":{
   "title":"Diwali sale: 40%% off","description":"Lamps, sweets and gifts, delivered before the festival.",
   "media":{"file":{"url":"SINK/img/diwali.png"},"height":"MEDIUM"},
   "suggestions":[{"type":"REPLY","text":"Show me","postbackData":"show-diwali"},
                  {"type":"OPEN_URL","text":"Open the shop","postbackData":"open-shop","url":"http://127.0.0.1:9/shop"}]},
  "suggestions":[{"type":"REPLY","text":"Not now","postbackData":"not-now"}]}}`

// TestBrowserCardTapStopFallback is the proof in one session: a
// card sent through the API appears live in the list and rendered on the
// phone; tapping its chip delivers the MO with the postback data to the
// integration; STOP from the phone makes the next send fall back; the
// fallback's timeline shows both legs.
func TestBrowserCardTapStopFallback(t *testing.T) {
	e := setup(t)
	const number = "919999000011"

	// Inbound forwarding through the Set-up page.
	e.connect()
	e.do("inbound set-up",
		chromedp.Navigate(e.base+"/#/setup"),
		chromedp.WaitVisible(chromedp.CSS("#in-url")),
		chromedp.SetValue(chromedp.CSS("#in-url"), e.sink.srv.URL+"/mo"),
		chromedp.Click(chromedp.CSS(`#inbound button[type="submit"]`)),
		until(`document.getElementById('toast').textContent === 'Saved'`),
		chromedp.Navigate(e.base+"/#/messages"),
		chromedp.WaitVisible(chromedp.CSS("table#messages")),
	)

	// The list is open before the send: the row must arrive live.
	id := e.send("/ott/rcs/1/message", fmt.Sprintf(cardRequest, number))
	row := fmt.Sprintf(`tr[data-id=%q]`, id)
	e.do("card in the list",
		chromedp.WaitVisible(chromedp.CSS(row)),
		until(fmt.Sprintf(`document.querySelector(%q).textContent.includes('DELIVERED_TO_HANDSET')`, row)),
	)
	e.sink.waitFor(t, "delivery report of the card", func(p posted) bool { return p.Path == "/dlr" })

	// The phone renders the card: picture, title, description, chips.
	msg := fmt.Sprintf(`.msg[data-id=%q]`, id)
	e.do("card on the phone",
		chromedp.Navigate(e.base+"/#/phone/"+number),
		chromedp.WaitVisible(chromedp.CSS(msg+" .card .card-title")),
		until(fmt.Sprintf(`document.querySelector(%q).textContent === 'Diwali sale: 40%% off'`, msg+" .card-title")),
		until(fmt.Sprintf(`document.querySelector(%q).naturalWidth === 480`, msg+" img.media")),
		until(fmt.Sprintf(`document.querySelectorAll(%q).length === 3`, msg+" button.chip")),
		until(fmt.Sprintf(`document.querySelector(%q).textContent.includes('Delivered')`, msg+" .ticks")),
	)
	e.shot("phone-card")

	// Tap "Show me": the integration gets the MO with the postback data.
	e.do("tap the chip", chromedp.Click(chromedp.CSS(msg+` button.chip[data-postback="show-diwali"]`)))
	mo := e.sink.waitFor(t, "with the tapped suggestion", func(p posted) bool {
		return p.Path == "/mo" && strings.Contains(fmt.Sprint(p.Body), "show-diwali")
	})
	results, _ := mo.Body["results"].([]any)
	if len(results) != 1 {
		t.Fatalf("MO body %v", mo.Body)
	}
	r0 := results[0].(map[string]any)
	m0, _ := r0["message"].(map[string]any)
	// Only what every inbound format carries is checked: the formats name
	// the user differently (from, sender) and not all carry callbackData.
	if m0["type"] != "SUGGESTION" || m0["postbackData"] != "show-diwali" || !strings.Contains(fmt.Sprint(r0), number) {
		t.Errorf("MO result %v: want a SUGGESTION with postbackData show-diwali from %s", r0, number)
	}
	if p, ok := r0["pairedMessageId"]; ok && p != id {
		t.Errorf("MO pairedMessageId %v, want %s", p, id)
	}
	e.do("the tap shows as the user's bubble", until(`[...document.querySelectorAll('.from-user .bubble')].some((b) => b.textContent === 'Show me')`))

	// STOP from the phone, then a send with a failover falls back to SMS.
	e.do("STOP", chromedp.Click(chromedp.CSS("#stop")))
	e.sink.waitFor(t, "STOP", func(p posted) bool { return p.Path == "/mo" && strings.Contains(fmt.Sprint(p.Body), "text:STOP") })
	id2 := e.send("/ott/rcs/1/message", `{"from":"DemoAgent","to":"`+number+`","notifyUrl":"SINK/dlr",
	  "content":{"type":"TEXT","text":"Your order 42 has shipped"},
	  "smsFailover":{"from":"DEMOSMS","text":"Your order 42 has shipped and will arrive by Friday.",
	    "regional":{"indiaDlt":{"principalEntityId":"1101234567890123456","contentTemplateId":"1107161234567890124"}}}}`)
	m := e.final(id2)
	if m.FinalChannel != "SMS" || m.Status.Name != "DELIVERED_TO_HANDSET" {
		t.Fatalf("after STOP the send ended %s on %q, want DELIVERED_TO_HANDSET over SMS", m.Status.Name, m.FinalChannel)
	}
	msg2 := fmt.Sprintf(`.msg[data-id=%q]`, id2)
	e.do("the fallback on the phone",
		chromedp.WaitVisible(chromedp.CSS(msg2+` .sms-wrap[data-fallback="true"]`)),
		until(fmt.Sprintf(`document.querySelector(%q).textContent.includes('EC_BLOCKED_USER')`, msg2+" .system")),
		until(fmt.Sprintf(`document.querySelector(%q).textContent === 'SMS · DEMOSMS'`, msg2+" .sms-from")),
		until(fmt.Sprintf(`document.querySelector(%q).textContent.includes('Delivered')`, msg2+" .sms-wrap .ticks")),
	)
	e.shot("phone-conversation")

	// A DLT rejection and an absent handset, so the list has some variety.
	bad := e.send("/sms/2/text/advanced", `{"messages":[{"from":"DEMOSMS","destinations":[{"to":"919999000012"}],"text":"Your OTP is 99",
	  "regional":{"indiaDlt":{"principalEntityId":"1101234567890123456","contentTemplateId":"1107161234567890124"}}}]}`)
	absent := e.send("/sms/3/messages", `{"messages":[{"sender":"DEMOSMS","destinations":[{"to":"919999010013"}],"content":{"text":"Your parcel is out for delivery"}}]}`)
	e.final(bad)
	e.final(absent)
	e.do("the list with every outcome",
		chromedp.Navigate(e.base+"/#/messages"),
		until(fmt.Sprintf(`document.querySelector('tr[data-id=%q]')?.textContent.includes('UNDELIVERABLE_NOT_DELIVERED')`, absent)),
		until(fmt.Sprintf(`document.querySelector('tr[data-id=%q]')?.textContent.includes('UNDELIVERABLE_REJECTED_OPERATOR')`, bad)),
		until(`document.querySelectorAll('tr.row').length === 4`),
		// The filters narrow it: by number, then by API.
		filter("f-number", "919999000011"),
		until(`document.querySelectorAll('tr.row').length === 2`),
		filter("f-number", ""),
		filter("f-api", "sms/2"),
		until(`document.querySelectorAll('tr.row').length === 1`),
		filter("f-api", ""),
		until(`document.querySelectorAll('tr.row').length === 4`),
	)
	e.shot("messages")

	// The timeline shows both legs and the DLT result.
	e.do("fallback timeline",
		chromedp.Navigate(e.base+"/#/messages/"+id2),
		chromedp.WaitVisible(chromedp.CSS(".timeline .step.sms")),
		until(`[...document.querySelectorAll('.timeline .step.rcs')].some((s) => s.textContent.includes('EC_BLOCKED_USER'))`),
		until(`[...document.querySelectorAll('.timeline .step.sms')].some((s) => s.textContent.includes('DELIVERED_TO_HANDSET'))`),
		until(`document.querySelector('.fallback').textContent.includes('passed DLT scrubbing')`),
		until(`document.querySelector('details[data-key=request] pre.json').textContent.includes('"smsFailover"')`),
		until(`!/\bnull\b|undefined|\[object/.test(document.querySelector('.detail').innerText)`),
		// The POST's duration comes from the stream's callback.attempt event.
		until(`/delivered \(\d+ ms\)/.test(document.querySelector('table.attempts').innerText)`),
		// Each attempt shows the body it POSTed, collapsed.
		until(`[...document.querySelectorAll('table.attempts td[data-label=Body] details:not([open]) pre')].some((p) => /"results": \[[\s\S]*"DELIVERED_TO_HANDSET"/.test(p.textContent))`),
	)
	e.shot("timeline")
}

// TestBrowserCarouselAndNoRCSHandset renders a carousel that scrolls, and a
// handset without RCS (R=1) that gets the SMS fallback from the SMS sender.
func TestBrowserCarouselAndNoRCSHandset(t *testing.T) {
	e := setup(t)
	e.connect()
	cards := []string{}
	for i, name := range []string{"Lamps", "Sweets", "Gifts", "Rangoli"} {
		cards = append(cards, fmt.Sprintf(`{"title":%q,"description":"From ₹%d","media":{"file":{"url":"SINK/img/%s.png"},"height":"SHORT"},
		  "suggestions":[{"type":"REPLY","text":"Buy","postbackData":"buy-%d"}]}`, name, 199*(i+1), strings.ToLower(name), i))
	}
	const number = "919999000031"
	id := e.send("/rcs/2/messages", `{"messages":[{"sender":"DemoAgent","destinations":[{"to":"`+number+`"}],
	  "content":{"type":"CAROUSEL","cardWidth":"MEDIUM","contents":[`+strings.Join(cards, ",")+`]}}]}`)
	e.final(id)
	carousel := fmt.Sprintf(`.msg[data-id=%q] .carousel`, id)
	e.do("carousel on the phone",
		chromedp.Navigate(e.base+"/#/phone/"+number),
		chromedp.WaitVisible(chromedp.CSS(carousel)),
		until(fmt.Sprintf(`document.querySelectorAll(%q).length === 4`, carousel+" .card")),
		// It is wider than the screen and scrolls sideways.
		until(fmt.Sprintf(`(() => { const c = document.querySelector(%q); return c.scrollWidth > c.clientWidth + 100; })()`, carousel)),
	)
	e.shot("phone-carousel")
	e.do("scroll the carousel", until(fmt.Sprintf(`(() => { const c = document.querySelector(%q); c.style.scrollBehavior = 'auto'; c.scrollLeft = 200; return c.scrollLeft > 0; })()`, carousel)))

	// R=1: no RCS on the handset; the fallback arrives as an SMS from DEMOSMS.
	const noRCS = "919999100021"
	id2 := e.send("/ott/rcs/1/message", `{"from":"DemoAgent","to":"`+noRCS+`",
	  "content":{"type":"TEXT","text":"Your OTP is 123456"},
	  "smsFailover":{"from":"DEMOSMS","text":"Your OTP is 123456. Do not share it with anyone.",
	    "regional":{"indiaDlt":{"principalEntityId":"1101234567890123456","contentTemplateId":"1107161234567890123"}}}}`)
	e.final(id2)
	msg := fmt.Sprintf(`.msg[data-id=%q]`, id2)
	e.do("no-RCS handset",
		chromedp.Navigate(e.base+"/#/phone/"+noRCS),
		chromedp.WaitVisible(chromedp.CSS(".no-rcs")),
		until(`document.querySelector('.number-info').textContent.includes('R=1')`),
		chromedp.WaitVisible(chromedp.CSS(msg+` .sms-wrap[data-fallback="true"]`)),
		until(fmt.Sprintf(`document.querySelector(%q).textContent === 'Your OTP is 123456. Do not share it with anyone.'`, msg+" .bubble.sms")),
		until(fmt.Sprintf(`document.querySelectorAll(%q).length === 0`, msg+" .rcs")),
		until(fmt.Sprintf(`document.querySelector(%q).textContent.includes('Delivered')`, msg+" .ticks")),
	)
	e.shot("phone-fallback")
}

// TestBrowserPhoneSizedWindow checks the list stays usable at 390 px: no
// sideways scrolling of the page, rows stacked with their labels.
func TestBrowserPhoneSizedWindow(t *testing.T) {
	e := setup(t)
	e.connect()
	id := e.send("/sms/3/messages", `{"messages":[{"sender":"DEMOSMS","destinations":[{"to":"447700900001"}],"content":{"text":"Hello"}}]}`)
	e.final(id)
	e.do("phone-sized list",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(e.base+"/#/messages"),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`tr[data-id=%q]`, id))),
		until(`document.documentElement.scrollWidth <= 390`),
		until(`getComputedStyle(document.querySelector('table.messages thead')).display === 'none'`),
		// The phone fits too, the handset above the number's details.
		chromedp.Navigate(e.base+"/#/phone/447700900001"),
		chromedp.WaitVisible(chromedp.CSS(".device .bubble.sms")),
		until(`document.documentElement.scrollWidth <= 390`),
		until(`document.querySelector('.device').getBoundingClientRect().top < document.querySelector('.number-info').getBoundingClientRect().top`),
		until(`document.querySelector('#reply').getBoundingClientRect().right <= 390`),
		// Only an SMS so far: the thread is the SMS sender's.
		until(`document.querySelector('.agent-name').textContent === 'DEMOSMS'`),
	)
	e.shot("mobile-phone")
}

// TestBrowserShortLinkClick opens a tracked short link from the phone: the
// click is counted and the CLICKED notification reaches the trackingUrl.
func TestBrowserShortLinkClick(t *testing.T) {
	e := setup(t)
	e.connect()
	const number = "919999000041"
	id := e.send("/sms/3/messages", `{"messages":[{"sender":"DEMOSMS","destinations":[{"to":"`+number+`"}],
	  "content":{"text":"Track your order: http://127.0.0.1:9/orders/42"}}],"options":{"tracking":{"trackingUrl":"SINK/clicks"}}}`)
	e.final(id)
	e.do("open the short link",
		chromedp.Navigate(e.base+"/#/phone/"+number),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`.msg[data-id=%q] a.shortlink`, id))),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`.msg[data-id=%q] a.shortlink`, id))),
		// A GET of /t/{code} on the simulator, as the handset's tap.
		until(`document.getElementById('toast').textContent.includes('counted the click')`),
	)
	if l := e.sim.Links("", id); len(l) != 1 || l[0].Clicks != 1 {
		t.Errorf("links after the click: %+v", l)
	}
	c := e.sink.waitFor(t, "CLICKED", func(p posted) bool { return p.Path == "/clicks" })
	if c.Body["notificationType"] != "CLICKED" || c.Body["messageId"] != id || c.Body["url"] != "http://127.0.0.1:9/orders/42" {
		t.Errorf("click notification %v", c.Body)
	}
}

// TestBrowserPollsWithoutStream: a simulator without the event stream (an
// older build, or a proxy that does not pass it) still updates the list, by
// polling the control plane.
func TestBrowserPollsWithoutStream(t *testing.T) {
	e := setupWith(t, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/_sim/events/stream" {
				http.NotFound(w, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	})
	e.connectExpecting("polling")
	id := e.send("/sms/3/messages", `{"messages":[{"sender":"DEMOSMS","destinations":[{"to":"919999000051"}],"content":{"text":"Polled"}}]}`)
	row := fmt.Sprintf(`tr[data-id=%q]`, id)
	e.do("row by polling",
		chromedp.WaitVisible(chromedp.CSS(row)),
		until(fmt.Sprintf(`document.querySelector(%q).textContent.includes('DELIVERED_TO_HANDSET')`, row)))
}

// TestBrowserJournalShowsRefusals: a refused request shows in the Set-up
// page's journal with the property it violated.
func TestBrowserJournalShowsRefusals(t *testing.T) {
	e := setup(t)
	e.connect()
	req, _ := http.NewRequest(http.MethodPost, e.base+"/rcs/2/messages", strings.NewReader(`{"messages":[{"sender":"DemoAgent","destinations":[],"content":{"type":"TEXT","text":"hi"}}]}`))
	req.Header.Set("Authorization", "App "+e.key)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad send = %d, want 400", res.StatusCode)
	}
	e.do("journal",
		chromedp.Navigate(e.base+"/#/setup"),
		chromedp.WaitVisible(chromedp.CSS("#journal table")),
		until(`[...document.querySelectorAll('#journal tr.bad')].some((r) => r.textContent.includes('messages[0].destinations') && r.textContent.includes('400'))`))
	e.shot("setup")
}

// TestBrowserSeenAndAutoReply: an R=5 handset shows the seen ticks and the
// user's automatic YES; the phone says the user opted out after STOP.
func TestBrowserSeenAndAutoReply(t *testing.T) {
	e := setup(t)
	e.connect()
	const number = "919999500061"
	id := e.send("/ott/rcs/1/message", `{"from":"DemoAgent","to":"`+number+`","content":{"type":"TEXT","text":"Reply YES for updates"}}`)
	msg := fmt.Sprintf(`.msg[data-id=%q]`, id)
	e.do("seen and the reply",
		chromedp.Navigate(e.base+"/#/phone/"+number),
		until(fmt.Sprintf(`document.querySelector(%q)?.textContent.includes('Seen')`, msg+" .ticks.seen")),
		until(`[...document.querySelectorAll('.from-user .bubble')].some((b) => b.textContent === 'YES')`),
		chromedp.Click(chromedp.CSS("#stop")),
		until(`document.querySelector('.number-info').textContent.includes('opted out of DemoAgent')`),
		chromedp.Click(chromedp.CSS("#start")),
		until(`!document.querySelector('.number-info').textContent.includes('opted out of DemoAgent')`),
	)
}

// TestBrowserRedeliverFailedBatch: a report that used up its attempts is
// listed with its own Redeliver button, and the button sends it again.
func TestBrowserRedeliverFailedBatch(t *testing.T) {
	e := setup(t, simulator.WithRetryPolicy(simulator.RetryPolicy{Base: time.Millisecond, MaxAttempts: 1, Timeout: 5 * time.Second}))
	e.connect()
	id := e.send("/sms/3/messages", `{"messages":[{"sender":"DEMOSMS","destinations":[{"to":"919999000071"}],"content":{"text":"Refused"},
	  "webhooks":{"delivery":{"url":"SINK/refuse"}}}]}`)
	e.sink.waitFor(t, "first refused report", func(p posted) bool { return p.Path == "/refuse" })
	e.do("failed batch and redeliver",
		chromedp.WaitVisible(chromedp.CSS("#failed li button.redeliver-one")),
		until(`document.querySelector('#failed').textContent.includes('/refuse')`),
		chromedp.Click(chromedp.CSS("#failed li button.redeliver-one")),
		until(`document.getElementById('toast').textContent.includes('1 callback(s) queued again')`),
	)
	e.sink.waitCount(t, "redelivered report", 2, func(p posted) bool {
		return p.Path == "/refuse" && strings.Contains(fmt.Sprint(p.Body), id)
	})
}

// TestBrowserFakeClockAdvance moves a fake clock from the Set-up page: the
// message waiting on it is then delivered, and the list shows it.
func TestBrowserFakeClockAdvance(t *testing.T) {
	e := setup(t, simulator.WithClock(clock.NewFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))))
	e.connect()
	id := e.send("/sms/3/messages", `{"messages":[{"sender":"DEMOSMS","destinations":[{"to":"919999000081"}],"content":{"text":"Waiting for time"}}]}`)
	row := fmt.Sprintf(`tr[data-id=%q]`, id)
	e.do("pending before the advance",
		chromedp.WaitVisible(chromedp.CSS(row)),
		until(fmt.Sprintf(`document.querySelector(%q).textContent.includes('PENDING')`, row)),
		chromedp.Navigate(e.base+"/#/setup"),
		chromedp.WaitVisible(chromedp.CSS("#adv")),
		chromedp.SetValue(chromedp.CSS("#adv"), "2s"),
		chromedp.Click(chromedp.CSS("#advance")),
		until(`document.querySelector('#clock').textContent.includes('2026-01-01 00:00:02.000')`),
		chromedp.Navigate(e.base+"/#/messages"),
		until(fmt.Sprintf(`document.querySelector(%q)?.textContent.includes('DELIVERED_TO_HANDSET')`, row)),
	)
}

// TestBrowserControlTokenPicksAccount connects without an API key: the
// control token lists the accounts that have messages, and picking one
// scopes the UI to it (X-Jiocxsim-Token with ?account=).
func TestBrowserControlTokenPicksAccount(t *testing.T) {
	const token = "ui-test-token"
	e := setup(t, simulator.WithControlToken(token))
	id := e.send("/sms/3/messages", `{"messages":[{"sender":"DEMOSMS","destinations":[{"to":"919999000091"}],"content":{"text":"Mine"}}]}`)
	e.final(id)
	e.do("connect with the token",
		chromedp.Navigate(e.base+"/#/connect"),
		chromedp.WaitVisible(chromedp.CSS("#control-token")),
		chromedp.SendKeys(chromedp.CSS("#control-token"), token),
		chromedp.Click(chromedp.CSS(`#connect-form button[type="button"]`)),
		until(`document.querySelectorAll('#accounts option').length === 1`),
		until(`(() => { document.getElementById('account-id').value = document.querySelector('#accounts option').value; return true; })()`),
		chromedp.Click(chromedp.CSS(`#connect-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`tr[data-id=%q]`, id))),
		until(`document.getElementById('account-badge').textContent.startsWith('account ')`),
	)
	// A wrong token is refused, and the page says so instead of showing nothing.
	e.do("wrong token",
		chromedp.Navigate(e.base+"/#/connect"),
		chromedp.WaitVisible(chromedp.CSS("#control-token")),
		chromedp.SetValue(chromedp.CSS("#control-token"), "wrong"),
		chromedp.Click(chromedp.CSS(`#connect-form button[type="submit"]`)),
		until(`document.querySelector('main').textContent.includes('HTTP 401')`),
	)
}
