package ui_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/jiocxsim/jiocxsim/simulator/ui"
)

func get(t *testing.T, h http.Handler, method, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	return rec
}

func TestHandlerServesEveryAsset(t *testing.T) {
	t.Parallel()
	h := ui.Handler()
	want := map[string]string{
		".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
		".css": "text/css; charset=utf-8", ".svg": "image/svg+xml",
	}
	names := ui.Names()
	if len(names) < 8 {
		t.Fatalf("only %d assets embedded: %v", len(names), names)
	}
	for _, name := range names {
		rec := get(t, h, http.MethodGet, "/ui/"+name)
		if rec.Code != http.StatusOK {
			t.Errorf("GET /ui/%s = %d", name, rec.Code)
			continue
		}
		ext := name[strings.LastIndex(name, "."):]
		if got := rec.Header().Get("Content-Type"); got != want[ext] {
			t.Errorf("/ui/%s Content-Type = %q, want %q", name, got, want[ext])
		}
		if rec.Header().Get("Content-Security-Policy") != ui.ContentSecurityPolicy || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("/ui/%s lacks the security headers: %v", name, rec.Header())
		}
		if rec.Body.Len() == 0 {
			t.Errorf("/ui/%s is empty", name)
		}
	}
}

func TestHandlerPagesAndRefusals(t *testing.T) {
	t.Parallel()
	h := ui.Handler()
	for _, p := range []string{"/", "/ui/", "/ui"} {
		rec := get(t, h, http.MethodGet, p)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `<script type="module" src="/ui/app.js">`) {
			t.Errorf("GET %s = %d, body %.80q", p, rec.Code, rec.Body.String())
		}
	}
	if rec := get(t, h, http.MethodHead, "/ui/app.js"); rec.Code != http.StatusOK {
		t.Errorf("HEAD /ui/app.js = %d", rec.Code)
	}
	for _, p := range []string{"/ui/nope.js", "/ui/../ui.go", "/other", "/ui/assets/app.js"} {
		if rec := get(t, h, http.MethodGet, p); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, rec.Code)
		}
	}
	rec := get(t, h, http.MethodPost, "/ui/app.js")
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("POST = %d Allow %q", rec.Code, rec.Header().Get("Allow"))
	}
	// A revalidation with the ETag costs a 304 and no body.
	first := get(t, h, http.MethodGet, "/ui/style.css")
	req := httptest.NewRequest(http.MethodGet, "/ui/style.css", nil)
	req.Header.Set("If-None-Match", first.Header().Get("ETag"))
	again := httptest.NewRecorder()
	h.ServeHTTP(again, req)
	if first.Header().Get("ETag") == "" || again.Code != http.StatusNotModified || again.Body.Len() != 0 {
		t.Errorf("revalidation: ETag %q, status %d, %d bytes", first.Header().Get("ETag"), again.Code, again.Body.Len())
	}
}

// TestAssetsAreOffline fails on any absolute URL in the assets that is not
// a loopback example or the SVG namespace: no CDN, no external font, no
// analytics, nothing that needs the network.
func TestAssetsAreOffline(t *testing.T) {
	t.Parallel()
	h := ui.Handler()
	abs := regexp.MustCompile(`(?i)(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s'"<>)]*|https?://[^\s'"<>)]+`)
	external := regexp.MustCompile(`(?i)@import|@font-face|url\(\s*['"]?(?:https?:)?//|<link[^>]+href=["'](?:https?:)?//|<script[^>]+src=["'](?:https?:)?//`)
	for _, name := range ui.Names() {
		body := get(t, h, http.MethodGet, "/ui/"+name).Body.String()
		if m := external.FindString(body); m != "" {
			t.Errorf("%s loads something from outside: %q", name, m)
		}
		for _, m := range abs.FindAllString(body, -1) {
			if m == "http://www.w3.org/2000/svg" {
				continue
			}
			u, err := url.Parse(m)
			if err == nil && (u.Hostname() == "127.0.0.1" || u.Hostname() == "localhost") {
				continue
			}
			t.Errorf("%s names an absolute URL %q", name, m)
		}
	}
}

// TestPageReferencesExist checks that every /ui/ path the page and modules
// name is an embedded asset, so nothing is fetched that is not there.
func TestPageReferencesExist(t *testing.T) {
	t.Parallel()
	h := ui.Handler()
	have := map[string]bool{}
	for _, n := range ui.Names() {
		have[n] = true
	}
	ref := regexp.MustCompile(`(?:src|href)="/ui/([^"]+)"|from '\./([^']+)'`)
	seen := 0
	for _, name := range ui.Names() {
		body, _ := io.ReadAll(get(t, h, http.MethodGet, "/ui/"+name).Body)
		for _, m := range ref.FindAllStringSubmatch(string(body), -1) {
			target := m[1] + m[2]
			seen++
			if !have[target] {
				t.Errorf("%s references %q, which is not embedded", name, target)
			}
		}
	}
	if seen < 10 {
		t.Errorf("found only %d references; the pattern no longer matches the assets", seen)
	}
}
