package simulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/clock"
	"github.com/jiocxsim/jiocxsim/simulator/internal/ids"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store/sqlite"
)

// WithDataDir keeps the simulator's state in an embedded SQLite database in
// dir, so that it survives a restart (see the README's persistence section
// for what survives and what does not). Default: memory only.
func WithDataDir(dir string) Option {
	return func(cfg *config) error {
		if strings.TrimSpace(dir) == "" {
			return errors.New("simulator: WithDataDir needs a folder")
		}
		cfg.dataDir = dir
		return nil
	}
}

// WithDataWriteBehind lets a durable server answer a send before its
// messages are committed: faster, but a crash can lose what the last
// uncommitted batch held (milliseconds of sends). Default: a send is
// answered once its messages are in the database.
func WithDataWriteBehind() Option {
	return func(cfg *config) error { cfg.dataWriteBehind = true; return nil }
}

// WithMaxAge makes the simulator forget messages accepted longer than d ago
// (in memory and in the database). Default: no age limit.
func WithMaxAge(d time.Duration) Option {
	return func(cfg *config) error {
		if d < 0 {
			return errors.New("simulator: WithMaxAge needs a non-negative duration")
		}
		cfg.maxAge = d
		return nil
	}
}

// Keys of the database's state table.
const (
	stateIDs    = "ids"
	stateClock  = "clock"
	setupPrefix = "setup:"
)

// durable is the persistence of a server started WithDataDir.
type durable struct {
	db    *sqlite.DB
	mu    sync.Mutex
	dirty map[string]bool // accounts whose set-up changed since the last commit
}

// openDurable reads the state back from the database New opened into the
// fresh server and makes the store write through to it.
func (s *Server) openDurable() error {
	db := s.durable.db
	fail := func(err error) error { db.Close(); return fmt.Errorf("simulator: %s: %w", s.cfg.dataDir, err) }

	var pos ids.Position
	if _, err := db.State(stateIDs, &pos); err != nil {
		return fail(err)
	}
	s.ids.Resume(pos, s.cfg.seed)
	// The new epoch is written at once: a crash before the first commit must
	// not let the next start draw from this stream again.
	if err := db.PutState(stateIDs, s.ids.Position()); err != nil {
		return fail(err)
	}
	if fake, ok := s.clock.(*clock.Fake); ok {
		var at time.Time
		if found, err := db.State(stateClock, &at); err != nil {
			return fail(err)
		} else if found && at.After(fake.Now()) {
			fake.Set(at)
		}
	}
	setups, err := db.StatesWithPrefix(setupPrefix)
	if err != nil {
		return fail(err)
	}
	for account, raw := range setups {
		var st Setup
		if err := decodeJSON(raw, &st); err != nil {
			return fail(fmt.Errorf("set-up of %s: %w", account, err))
		}
		if err := s.Import(account, st); err != nil {
			return fail(fmt.Errorf("set-up of %s: %w", account, err))
		}
	}
	msgs, err := db.Messages()
	if err != nil {
		return fail(err)
	}
	s.store.Load(msgs)
	if err := s.restoreRecords(); err != nil {
		return fail(err)
	}
	// Steps still to come resume where they were: those already due run at
	// once. A step the engine cannot resume is reported, not fatal: the
	// rest of the state is still worth having.
	steps, callbacks, err := db.Restore()
	if err != nil {
		return fail(err)
	}
	// Callbacks queued or waiting for a retry keep their schedule; a batch
	// that was being POSTed is POSTed again (at least once) and counted.
	if err := s.dispatcher.Restore(callbacks); err != nil {
		s.log.Warn("resuming kept callbacks", "err", err)
	}
	s.engine.UsePending(db)
	if err := s.engine.Restore(steps); err != nil {
		s.log.Warn("resuming kept lifecycle steps", "err", err)
	}
	db.SnapshotState(s.snapshot)
	s.store.SetBackend(db)
	return nil
}

// snapshot is what the database writes with each commit beside messages.
func (s *Server) snapshot() map[string]any {
	out := map[string]any{stateIDs: s.ids.Position()}
	if _, ok := s.clock.(*clock.Fake); ok {
		out[stateClock] = s.clock.Now()
	}
	s.durable.mu.Lock()
	dirty := s.durable.dirty
	s.durable.dirty = map[string]bool{}
	s.durable.mu.Unlock()
	for a := range dirty {
		out[setupPrefix+a] = s.Export(a)
	}
	return out
}

// setupChanged marks an account's set-up for the next commit.
func (s *Server) setupChanged(account string) {
	if s.durable == nil || account == "" {
		return
	}
	s.durable.mu.Lock()
	s.durable.dirty[account] = true
	s.durable.mu.Unlock()
	s.durable.db.Poke()
}

// closeDurable commits what is queued and closes the database.
func (s *Server) closeDurable() error {
	if s.durable == nil {
		return nil
	}
	return s.durable.db.Close()
}

// acceptedDurably waits, unless writes are behind, until what a send
// accepted is committed.
func (s *Server) acceptedDurably() {
	if s.durable != nil && !s.cfg.dataWriteBehind {
		s.durable.db.Sync()
	}
}

// SyncData waits until every change made before the call is in the
// database (no-op without WithDataDir). Tests and benchmarks use it.
func (s *Server) SyncData() {
	if s.durable != nil {
		s.durable.db.Sync()
	}
}

// DataBytes returns the size of the database on disk (0 without WithDataDir).
func (s *Server) DataBytes() int64 {
	if s.durable == nil {
		return 0
	}
	return s.durable.db.Size()
}

func decodeJSON(b []byte, dst any) error { return json.Unmarshal(b, dst) }

// pendingRecords is where the dispatcher keeps its queued callbacks (the
// engine gets the same database through UsePending): the database when
// durable, else nothing.
func (s *Server) pendingRecords() store.Pending {
	if s.durable == nil {
		return store.NoPending{}
	}
	return s.durable.db
}

// PendingSteps counts the lifecycle steps scheduled and not yet run (in a
// durable simulator, also kept in the database until they run).
func (s *Server) PendingSteps() int { return s.engine.Pending() }

// beginUnit and endUnit bracket changes the database must commit together.
func (s *Server) beginUnit() {
	if s.durable != nil {
		s.durable.db.BeginUnit()
	}
}

func (s *Server) endUnit() {
	if s.durable != nil {
		s.durable.db.EndUnit()
	}
}
