package features

import (
	"embed"
	"io/fs"
)

//go:embed integration/*.feature
var integration embed.FS

// Integration holds the integration-mode features (features/integration/,
// tag @integration): the go-live flows run against a team's own service,
// with the simulator as its provider. They are not part of Files, so the
// platform checklist never runs them by default.
var Integration = mustSub(integration, "integration")

func mustSub(f fs.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // the directory is embedded above
	}
	return s
}
