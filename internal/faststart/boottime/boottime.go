// Package boottime has gopsutil read the machine's boot time once instead of
// once per process: testcontainers-go's bootstrap package lists every process
// while it initializes (to name its session after the parent process), and
// gopsutil reads /proc/stat for each one's start time, which made that
// initializer about 9 ms of every start of jiocxsim on a machine running 66
// processes.
//
// The order holds for the reason hidepath's does: this package imports only
// gopsutil's process package, which the bootstrap imports too, and
// "github.com/jiocxsim/..." sorts before "github.com/testcontainers/...", so
// this initializer runs first. The boot time does not change while a process
// runs, so caching it changes no answer.
package boottime

import "github.com/shirou/gopsutil/v4/process"

func init() {
	process.EnableBootTimeCache(true)
}
