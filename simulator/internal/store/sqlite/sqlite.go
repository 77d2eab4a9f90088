// Package sqlite is the store's durable backend: an embedded SQLite database
// (modernc.org/sqlite, pure Go, so the binary stays static and needs no cgo)
// in WAL mode, one file in the data folder.
//
// Writes are behind: Save and the others only queue the change, and one
// goroutine commits everything queued since its last commit in one
// transaction (a group commit). A message updated five times between two
// commits is written once. What a SIGKILL can lose is the batch not yet
// committed: a few milliseconds of changes.
package sqlite

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
)

// FileName is the database file inside the data folder.
const FileName = "jiocxsim.db"

const schema = `
CREATE TABLE IF NOT EXISTS messages (
	seq     INTEGER PRIMARY KEY,
	account TEXT NOT NULL,
	body    BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_account ON messages(account);
CREATE TABLE IF NOT EXISTS state (
	key   TEXT PRIMARY KEY,
	value BLOB NOT NULL
);`

// DB is the durable backend. It implements store.Backend.
type DB struct {
	db   *sql.DB
	path string

	mu      sync.Mutex
	wake    *sync.Cond
	saves   map[uint64]pending // seq -> latest version
	forgets []uint64
	resets  []string
	state   func() map[string]any // snapshot written with every commit
	closed  bool
	err     error // the first commit error, reported by Close
	done    chan struct{}
	commits uint64
	running bool // a commit is under way
	poked   bool // the state snapshot has news
}

type pending struct {
	account string
	body    []byte
}

// Open opens (creating it if needed) the database in dir.
func Open(dir string) (*DB, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	path := filepath.Join(dir, FileName)
	// One connection: SQLite serialises writers anyway, and the pragmas below
	// are per connection.
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	d := &DB{db: db, path: path, saves: map[uint64]pending{}, done: make(chan struct{})}
	d.wake = sync.NewCond(&d.mu)
	go d.run()
	return d, nil
}

// Messages reads every stored message back, in acceptance order.
func (d *DB) Messages() ([]*store.Message, error) {
	rows, err := d.db.Query(`SELECT body FROM messages ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*store.Message
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return nil, err
		}
		m := &store.Message{}
		if err := json.Unmarshal(b, m); err != nil {
			return nil, fmt.Errorf("stored message: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// State reads one value of the state table into dst; false when absent.
func (d *DB) State(key string, dst any) (bool, error) {
	var b []byte
	err := d.db.QueryRow(`SELECT value FROM state WHERE key = ?`, key).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, json.Unmarshal(b, dst)
}

// PutState writes one value of the state table now (not behind).
func (d *DB) PutState(key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = d.db.Exec(`INSERT INTO state(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, b)
	return err
}

// SnapshotState sets a function whose values (key -> JSON value) are written
// to the state table with every commit, so they are never older than the
// messages beside them.
func (d *DB) SnapshotState(f func() map[string]any) {
	d.mu.Lock()
	d.state = f
	d.mu.Unlock()
}

// Save implements store.Backend.
func (d *DB) Save(msgs ...*store.Message) {
	for _, m := range msgs {
		b, err := json.Marshal(m)
		if err != nil {
			continue // a Message always marshals; nothing to store otherwise
		}
		d.mu.Lock()
		d.saves[m.Seq] = pending{account: m.Account, body: b}
		d.mu.Unlock()
	}
	d.wake.Broadcast()
}

// Forget implements store.Backend.
func (d *DB) Forget(seqs []uint64) {
	d.mu.Lock()
	for _, s := range seqs {
		delete(d.saves, s)
	}
	d.forgets = append(d.forgets, seqs...)
	d.mu.Unlock()
	d.wake.Broadcast()
}

// Reset implements store.Backend.
func (d *DB) Reset(account string) {
	d.mu.Lock()
	for seq, p := range d.saves {
		if account == "" || p.account == account {
			delete(d.saves, seq)
		}
	}
	d.resets = append(d.resets, account)
	d.mu.Unlock()
	d.wake.Broadcast()
}

// Poke asks for a commit of the state snapshot alone.
func (d *DB) Poke() {
	d.mu.Lock()
	d.poked = true
	d.mu.Unlock()
	d.wake.Broadcast()
}

// StatesWithPrefix returns the state values whose key starts with prefix,
// by the rest of the key.
func (d *DB) StatesWithPrefix(prefix string) (map[string][]byte, error) {
	rows, err := d.db.Query(`SELECT key, value FROM state WHERE substr(key, 1, ?) = ?`, len(prefix), prefix)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]byte{}
	for rows.Next() {
		var k string
		var v []byte
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k[len(prefix):]] = v
	}
	return out, rows.Err()
}

// run commits what is queued, one transaction at a time, until Close.
func (d *DB) run() {
	defer close(d.done)
	for {
		d.mu.Lock()
		for !d.closed && !d.poked && len(d.saves) == 0 && len(d.forgets) == 0 && len(d.resets) == 0 {
			d.wake.Wait()
		}
		saves, forgets, resets, state, closed := d.saves, d.forgets, d.resets, d.state, d.closed
		d.poked = false
		d.saves, d.forgets, d.resets = map[uint64]pending{}, nil, nil
		d.running = true
		d.mu.Unlock()
		{
			if err := d.commit(saves, forgets, resets, state); err != nil {
				d.mu.Lock()
				if d.err == nil {
					d.err = err
				}
				d.mu.Unlock()
			}
		}
		if closed {
			return
		}
	}
}

func (d *DB) commit(saves map[uint64]pending, forgets []uint64, resets []string, state func() map[string]any) error {
	tx, err := d.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	for _, a := range resets {
		// A reset account's set-up goes too; the snapshot below writes it
		// again if the account configures something new.
		if a == "" {
			_, err = tx.Exec(`DELETE FROM messages; DELETE FROM state WHERE key LIKE 'setup:%'`)
		} else {
			_, err = tx.Exec(`DELETE FROM messages WHERE account = ?`, a)
			if err == nil {
				_, err = tx.Exec(`DELETE FROM state WHERE key = ?`, "setup:"+a)
			}
		}
		if err != nil {
			return err
		}
	}
	if len(forgets) > 0 {
		st, err := tx.Prepare(`DELETE FROM messages WHERE seq = ?`)
		if err != nil {
			return err
		}
		for _, s := range forgets {
			if _, err := st.Exec(int64(s)); err != nil {
				return err
			}
		}
	}
	if len(saves) > 0 {
		st, err := tx.Prepare(`INSERT INTO messages(seq, account, body) VALUES(?, ?, ?) ON CONFLICT(seq) DO UPDATE SET body = excluded.body`)
		if err != nil {
			return err
		}
		for seq, p := range saves {
			if _, err := st.Exec(int64(seq), p.account, p.body); err != nil {
				return err
			}
		}
	}
	if state != nil {
		for k, v := range state() {
			b, err := json.Marshal(v)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(`INSERT INTO state(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, k, b); err != nil {
				return err
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	d.mu.Lock()
	d.commits++
	d.running = false
	d.wake.Broadcast()
	d.mu.Unlock()
	return nil
}

// Sync waits until everything queued before the call is committed.
func (d *DB) Sync() {
	d.mu.Lock()
	defer d.mu.Unlock()
	target := d.commits
	if d.running {
		target++
	}
	if d.poked || len(d.saves)+len(d.forgets)+len(d.resets) > 0 {
		target++
	}
	for d.commits < target && !d.closed {
		d.wake.Wait()
	}
}

// Size returns the bytes the database takes on disk (its file and WAL).
func (d *DB) Size() int64 {
	var n int64
	for _, p := range []string{d.path, d.path + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			n += st.Size()
		}
	}
	return n
}

// Close commits what is queued and closes the database.
func (d *DB) Close() error {
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		return nil
	}
	d.closed = true
	d.mu.Unlock()
	d.wake.Broadcast()
	<-d.done
	err := d.db.Close()
	if d.err != nil {
		return d.err
	}
	return err
}
