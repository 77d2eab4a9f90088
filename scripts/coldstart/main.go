// Command coldstart measures how long a jiocxsim binary takes from exec to
// its first 200 on /readyz: it starts `BINARY serve` on a loopback port some
// number of times, polls /readyz every 100 µs, and prints the median, the
// fastest and the slowest run. Each run's process is stopped before the next
// starts.
//
//	go build -o /tmp/jiocxsim ./cmd/jiocxsim
//	go run ./scripts/coldstart -bin /tmp/jiocxsim -n 20
//
// The image and the releases are built with CGO_ENABLED=0 -trimpath
// -ldflags='-s -w'; a plain go build links dynamically where a C compiler
// is installed and pays the dynamic loader on top (about 5% of the page
// faults of serve's start here).
//
// Several binaries (-bin a,b) are started in turn, run by run, so that the
// noise of a shared machine hits them alike. On Linux each run also reports
// the CPU time the process had used when /readyz answered (every thread's,
// from /proc/PID/task/*/schedstat): unlike the wall time it does not grow
// while the process waits for a core another program holds.
package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	bins := flag.String("bin", "", "the jiocxsim binary to start; several separated by commas are measured in turn")
	n := flag.Int("n", 20, "runs per binary")
	port := flag.Int("port", 18089, "loopback port serve listens on")
	flag.Parse()
	if *bins == "" || *n < 1 || *n > 1000 {
		fmt.Fprintln(os.Stderr, "coldstart: -bin is required and -n must be 1..1000")
		os.Exit(2)
	}
	list := strings.Split(*bins, ",")
	addr := fmt.Sprintf("127.0.0.1:%d", *port)
	client := &http.Client{Timeout: 50 * time.Millisecond}
	wall := make([][]time.Duration, len(list))
	cpu := make([][]time.Duration, len(list))
	for range *n {
		for i, bin := range list {
			w, c, err := once(client, bin, addr)
			if err != nil {
				fmt.Fprintln(os.Stderr, "coldstart:", err)
				os.Exit(1)
			}
			wall[i] = append(wall[i], w)
			if c > 0 {
				cpu[i] = append(cpu[i], c)
			}
		}
	}
	for i, bin := range list {
		prefix := ""
		if len(list) > 1 {
			prefix = bin + ": "
		}
		fmt.Printf("%scold start to /readyz over %d runs: median %v, fastest %v, slowest %v", prefix, len(wall[i]),
			median(wall[i]), slices.Min(wall[i]).Round(10*time.Microsecond), slices.Max(wall[i]).Round(10*time.Microsecond))
		if len(cpu[i]) == len(wall[i]) {
			fmt.Printf("; CPU used by then: median %v, least %v", median(cpu[i]), slices.Min(cpu[i]).Round(10*time.Microsecond))
		}
		fmt.Println()
	}
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2].Round(10 * time.Microsecond)
}

// once starts one server and returns the time to its first ready answer and
// the CPU time it had used then (0 where /proc does not say).
func once(client *http.Client, bin, addr string) (time.Duration, time.Duration, error) {
	cmd := exec.Command(bin, "serve", "--addr", addr, "--log-level", "warn")
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	deadline := start.Add(5 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := client.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(start), cpuTime(cmd.Process.Pid), nil
			}
		}
		time.Sleep(100 * time.Microsecond)
	}
	return 0, 0, fmt.Errorf("%s did not answer /readyz on %s within 5 s", bin, addr)
}

// cpuTime sums the time every thread of pid has spent on a CPU, in the
// first field of its schedstat (nanoseconds).
func cpuTime(pid int) time.Duration {
	files, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", pid))
	var total time.Duration
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		fields := strings.Fields(string(b))
		if len(fields) == 0 {
			continue
		}
		ns, err := strconv.ParseInt(fields[0], 10, 64)
		if err == nil {
			total += time.Duration(ns)
		}
	}
	return total
}
