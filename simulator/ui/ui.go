// Package ui is the simulator's web interface: a few static files embedded in
// the binary (no build step, no CDN, no external fonts) and one http.Handler
// that serves them. The pages talk to the control plane (/_sim/) over HTTP
// like any other client, so this package imports nothing of the simulator and
// the UI can never see more than an HTTP client could.
package ui

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed assets
var assets embed.FS

// contentTypes are set by extension here rather than through the system's
// MIME table, which differs between machines (.js is application/javascript
// on some, text/plain on a bare container).
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
	".json": "application/json",
}

// ContentSecurityPolicy is sent with every page. Scripts, styles and fetches
// come from the simulator only; images and media may come from anywhere,
// since an RCS card's picture is wherever the integration put it.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
	"img-src 'self' data: blob: http: https:; media-src 'self' http: https:; font-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

type file struct {
	body        []byte
	contentType string
	etag        string
}

type handler struct {
	files map[string]file // by name under assets/, e.g. "app.js"
}

// Handler serves the UI. Mount it at "/" (exact) and under "/ui/": GET / and
// GET /ui/ answer the page, /ui/<name> the asset of that name. Anything else
// is 404, only GET and HEAD are allowed.
func Handler() http.Handler {
	h := &handler{files: map[string]file{}}
	err := fs.WalkDir(assets, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assets.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ct := contentTypes[path.Ext(p)]
		if ct == "" {
			ct = "application/octet-stream"
		}
		h.files[strings.TrimPrefix(p, "assets/")] = file{body: b, contentType: ct, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
		return nil
	})
	if err != nil {
		// The assets are compiled in: failing to read them is a build defect.
		panic("ui: embedded assets unreadable: " + err.Error())
	}
	return h
}

// Names lists the embedded asset names (index.html, app.js, ...).
func Names() []string {
	var out []string
	for name := range Handler().(*handler).files {
		out = append(out, name)
	}
	return out
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := ""
	switch p := r.URL.Path; {
	case p == "/" || p == "/ui/" || p == "/ui":
		name = "index.html"
	case strings.HasPrefix(p, "/ui/"):
		name = strings.TrimPrefix(p, "/ui/")
	}
	f, ok := h.files[name]
	if !ok || name == "" {
		http.NotFound(w, r)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", f.contentType)
	hd.Set("Content-Security-Policy", ContentSecurityPolicy)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	// no-cache, not no-store: the browser revalidates with the ETag, so a new
	// binary's assets are picked up at once and an unchanged one costs a 304.
	hd.Set("Cache-Control", "no-cache")
	hd.Set("ETag", f.etag)
	if match := r.Header.Get("If-None-Match"); match != "" && match == f.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
}
