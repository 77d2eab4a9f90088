// Package simproc is what the measuring scripts share about a jiocxsim
// process they started: the API key they send with, waiting for /readyz,
// and reading the process's peak resident set.
package simproc

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// APIKey is a well-formed key; serve without --api-key accepts any such key.
const APIKey = "003026bbc133714df1834b8638bb496e-8f4b3d9a-e931-478d-a994-28a725159ab9"

// WaitReady polls base/readyz until it answers 200 or ctx ends.
func WaitReady(ctx context.Context, base string) error {
	for {
		if res, err := http.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s/readyz never answered", base)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// PeakRSS is a process's peak resident set (VmHWM) in bytes; 0 where /proc
// is not there (Linux only).
func PeakRSS(pid int) int64 {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
