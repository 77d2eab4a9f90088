package lifecycle

import (
	"sync"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/clock"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
)

// stepRecorder keeps the steps an engine records, as a database would.
type stepRecorder struct {
	store.NoPending
	mu    sync.Mutex
	steps map[uint64]store.PendingStep
}

func (r *stepRecorder) PutStep(s store.PendingStep) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.steps[s.ID] = s
}

func (r *stepRecorder) DoneStep(id uint64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.steps, id)
}

// TestStepScheduledWhileStoppingIsKept: a step that is running when the
// engine stops still records the step after it, so a restart resumes it;
// the stopped engine itself does not run it.
func TestStepScheduledWhileStoppingIsKept(t *testing.T) {
	fake := clock.NewFake(time.Unix(0, 0))
	e := New(fake, nil, nil, Delays{}, Hooks{})
	rec := &stepRecorder{steps: map[uint64]store.PendingStep{}}
	e.UsePending(rec)
	ran := 0
	e.Handle("seen", func(uint64) { ran++ })
	e.Stop()
	e.Schedule(7, time.Second, "seen")
	fake.Advance(time.Minute)
	if ran != 0 {
		t.Fatalf("a stopped engine ran %d steps", ran)
	}
	if len(rec.steps) != 1 {
		t.Fatalf("recorded %d steps, want the one scheduled while stopping", len(rec.steps))
	}
	for _, s := range rec.steps {
		if s.Seq != 7 || s.Kind != "seen" || !s.Due.Equal(time.Unix(1, 0)) {
			t.Fatalf("recorded %+v", s)
		}
	}
	if e.Pending() != 0 {
		t.Fatalf("a stopped engine counts %d steps as its own", e.Pending())
	}
}
