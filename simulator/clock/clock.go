// Package clock is the simulator's only source of time.
//
// Everything under simulator/ that needs "now" or a delay takes a Clock, so that
// tests and conformance runs can replace real time with a Fake and fast-forward
// a 48-hour validity period in microseconds.
package clock

import (
	"sync"
	"time"
)

// Clock tells the time and schedules callbacks.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// AfterFunc calls f once d has elapsed on this clock: Real calls it in its
	// own goroutine, Fake calls it inside the Advance or Set that reaches it.
	AfterFunc(d time.Duration, f func()) Timer
}

// Timer is a pending AfterFunc call.
type Timer interface {
	// Stop prevents the call if it has not fired yet; it reports whether it did so.
	Stop() bool
}

// Real is the wall clock.
type Real struct{}

// Now returns time.Now().
func (Real) Now() time.Time { return time.Now() }

// AfterFunc wraps time.AfterFunc.
func (Real) AfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }

// Fake is a clock that only moves when told to. The zero value is not usable;
// use NewFake.
type Fake struct {
	// moving serialises Advance and Set, so that two callers moving time at
	// once cannot fire timers out of order.
	moving sync.Mutex
	mu     sync.Mutex
	now    time.Time
	seq    uint64
	timers DueHeap[*fakeTimer]
}

// NewFake returns a Fake standing still at start.
func NewFake(start time.Time) *Fake { return &Fake{now: start} }

// Now returns the fake's current time.
func (f *Fake) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// AfterFunc schedules fn for now+d. A non-positive d fires on the next Advance
// (including Advance(0)), never synchronously, so callers holding locks are safe.
func (f *Fake) AfterFunc(d time.Duration, fn func()) Timer {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	t := &fakeTimer{DueSlot: DueSlot{Due: f.now.Add(d), Order: f.seq}, clock: f, fn: fn}
	f.timers.Push(t)
	return t
}

// Advance moves time forward by d, firing every timer that falls due, in order
// of due time (ties in creation order). Each fired callback runs to completion
// before the next fires and before Advance returns, so time-dependent chains
// (a delivery that schedules its report) are fully settled afterwards.
// Timers created by callbacks that fall within the window fire too.
func (f *Fake) Advance(d time.Duration) {
	f.mu.Lock()
	target := f.now.Add(d)
	f.mu.Unlock()
	f.runUntil(target)
}

// Set moves time to t (if t is later than now) firing due timers as Advance does.
func (f *Fake) Set(t time.Time) {
	f.runUntil(t)
}

// Pending reports how many timers have not fired yet.
func (f *Fake) Pending() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.timers.Len()
}

// NextDue returns when the next timer is due, and false when none is pending.
func (f *Fake) NextDue() (time.Time, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, ok := f.timers.Peek()
	if !ok {
		return time.Time{}, false
	}
	return t.Due, true
}

func (f *Fake) runUntil(target time.Time) {
	f.moving.Lock()
	defer f.moving.Unlock()
	for {
		f.mu.Lock()
		next, ok := f.timers.PopDue(target)
		if !ok {
			if target.After(f.now) {
				f.now = target
			}
			f.mu.Unlock()
			return
		}
		if next.Due.After(f.now) {
			f.now = next.Due
		}
		f.mu.Unlock()
		next.fn()
	}
}

type fakeTimer struct {
	DueSlot
	clock *Fake
	fn    func()
}

func (t *fakeTimer) Stop() bool {
	t.clock.mu.Lock()
	defer t.clock.mu.Unlock()
	return t.clock.timers.Remove(t)
}
