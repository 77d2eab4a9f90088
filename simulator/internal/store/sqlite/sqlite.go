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
	"runtime"
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
CREATE TABLE IF NOT EXISTS pending_steps (
	id   INTEGER PRIMARY KEY,
	body BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS queued_callbacks (
	id   INTEGER PRIMARY KEY,
	body BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
	kind    TEXT NOT NULL,
	key     TEXT NOT NULL,
	account TEXT NOT NULL,
	body    BLOB NOT NULL,
	PRIMARY KEY (kind, key)
);
CREATE INDEX IF NOT EXISTS records_account ON records(account);
CREATE TABLE IF NOT EXISTS state (
	key   TEXT PRIMARY KEY,
	value BLOB NOT NULL
);`

// DB is the durable backend. It implements store.Backend.
type DB struct {
	db   *sql.DB
	path string

	mu    sync.Mutex
	wake  *sync.Cond
	saves map[uint64]pending // seq -> latest version
	// rows of the pending tables: table -> id -> body (nil: delete)
	rows map[string]map[uint64][]byte
	// records: (kind, key) -> latest version (body nil: delete)
	recs    map[[2]string]record
	forgets []uint64
	resets  []string
	state   func() map[string]any // snapshot written with every commit
	closed  bool
	err     error // the first commit error, reported by Close
	done    chan struct{}
	commits uint64
	running bool // a commit is under way
	poked   bool // the state snapshot has news

	// unit keeps a commit from splitting a change that must land whole
	// (a lifecycle step: the message it moved, the callbacks it queued and
	// its own removal): holders share it, the commit's swap takes it alone.
	unit sync.RWMutex

	// Used by the committing goroutine only.
	upsert, forget, putState *sql.Stmt
	// per pending table: upsert and delete by id; records: upsert, delete
	rowPut, rowDel       map[string]*sql.Stmt
	putRecord, delRecord *sql.Stmt
	written              map[string]string // state as last committed, to skip unchanged rows
}

type record struct {
	account string
	body    []byte
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
	d := &DB{db: db, path: path, saves: map[uint64]pending{}, done: make(chan struct{}), written: map[string]string{},
		rows: map[string]map[uint64][]byte{tableSteps: {}, tableCallbacks: {}}, recs: map[[2]string]record{}}
	for _, p := range []struct {
		st  **sql.Stmt
		sql string
	}{
		{&d.upsert, `INSERT INTO messages(seq, account, body) VALUES(?, ?, ?) ON CONFLICT(seq) DO UPDATE SET body = excluded.body`},
		{&d.forget, `DELETE FROM messages WHERE seq = ?`},
		{&d.putState, `INSERT INTO state(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`},
		{&d.putRecord, `INSERT INTO records(kind, key, account, body) VALUES(?, ?, ?, ?) ON CONFLICT(kind, key) DO UPDATE SET body = excluded.body, account = excluded.account`},
		{&d.delRecord, `DELETE FROM records WHERE kind = ? AND key = ?`},
	} {
		if *p.st, err = db.Prepare(p.sql); err != nil {
			db.Close()
			return nil, err
		}
	}
	// Statements prepared once: preparing each row's statement inside
	// every commit was a large part of a commit's cost.
	d.rowPut, d.rowDel = map[string]*sql.Stmt{}, map[string]*sql.Stmt{}
	for _, t := range []string{tableSteps, tableCallbacks} {
		put, err := db.Prepare(`INSERT INTO ` + t + `(id, body) VALUES(?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body`)
		if err != nil {
			db.Close()
			return nil, err
		}
		del, err := db.Prepare(`DELETE FROM ` + t + ` WHERE id = ?`)
		if err != nil {
			db.Close()
			return nil, err
		}
		d.rowPut[t], d.rowDel[t] = put, del
	}
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
		m := &store.Message{Submission: &store.Submission{}}
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
	for k, r := range d.recs {
		if account == "" || r.account == account {
			delete(d.recs, k)
		}
	}
	d.resets = append(d.resets, account)
	d.mu.Unlock()
	d.wake.Broadcast()
}

// Tables of the pending records.
const (
	tableSteps     = "pending_steps"
	tableCallbacks = "queued_callbacks"
)

func (d *DB) putRow(table string, id uint64, v any) {
	var b []byte
	if v != nil {
		var err error
		if b, err = json.Marshal(v); err != nil {
			return
		}
	}
	d.mu.Lock()
	d.rows[table][id] = b
	d.mu.Unlock()
	d.wake.Broadcast()
}

// PutStep implements store.Pending.
func (d *DB) PutStep(s store.PendingStep) { d.putRow(tableSteps, s.ID, s) }

// DoneStep implements store.Pending.
func (d *DB) DoneStep(id uint64) { d.putRow(tableSteps, id, nil) }

// PutCallback implements store.Pending.
func (d *DB) PutCallback(c store.QueuedCallback) { d.putRow(tableCallbacks, c.ID, c) }

// DoneCallback implements store.Pending.
func (d *DB) DoneCallback(id uint64) { d.putRow(tableCallbacks, id, nil) }

// Restore implements store.Pending: what was pending at the last commit.
func (d *DB) Restore() ([]store.PendingStep, []store.QueuedCallback, error) {
	var steps []store.PendingStep
	var cbs []store.QueuedCallback
	for _, t := range []string{tableSteps, tableCallbacks} {
		rows, err := d.db.Query(`SELECT body FROM ` + t + ` ORDER BY id`)
		if err != nil {
			return nil, nil, err
		}
		for rows.Next() {
			var b []byte
			if err := rows.Scan(&b); err != nil {
				rows.Close()
				return nil, nil, err
			}
			if t == tableSteps {
				var s store.PendingStep
				err = json.Unmarshal(b, &s)
				steps = append(steps, s)
			} else {
				var c store.QueuedCallback
				err = json.Unmarshal(b, &c)
				cbs = append(cbs, c)
			}
			if err != nil {
				rows.Close()
				return nil, nil, err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
	}
	return steps, cbs, nil
}

func (d *DB) queuedLocked() bool {
	return d.poked || len(d.saves)+len(d.forgets)+len(d.resets)+len(d.rows[tableSteps])+len(d.rows[tableCallbacks])+len(d.recs) > 0
}

// PutRecord keeps one record of a kind (short links, pull entries ...)
// under key, owned by account so that Reset removes it.
func (d *DB) PutRecord(kind, key, account string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		return
	}
	d.mu.Lock()
	d.recs[[2]string{kind, key}] = record{account: account, body: b}
	d.mu.Unlock()
	d.wake.Broadcast()
}

// DeleteRecord removes one record.
func (d *DB) DeleteRecord(kind, key string) {
	d.mu.Lock()
	d.recs[[2]string{kind, key}] = record{}
	d.mu.Unlock()
	d.wake.Broadcast()
}

// Records returns the committed records of a kind, ordered by key.
func (d *DB) Records(kind string) ([][]byte, error) {
	rows, err := d.db.Query(`SELECT body FROM records WHERE kind = ? ORDER BY key`, kind)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]byte
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// BeginUnit starts a change that the next commit takes whole or not at all:
// the changes queued until EndUnit never straddle two commits. A unit must
// not wait for a commit (Sync) before it ends.
func (d *DB) BeginUnit() { d.unit.RLock() }

// EndUnit ends the change BeginUnit started.
func (d *DB) EndUnit() { d.unit.RUnlock() }

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
		for !d.closed && !d.queuedLocked() {
			d.wake.Wait()
		}
		// Let the senders that are running now queue their changes too, so
		// that one commit carries them all (a yield, not a timed wait).
		d.mu.Unlock()
		runtime.Gosched()
		d.unit.Lock()
		d.mu.Lock()
		saves, forgets, resets, state, closed, rows := d.saves, d.forgets, d.resets, d.state, d.closed, d.rows
		d.rows = map[string]map[uint64][]byte{tableSteps: {}, tableCallbacks: {}}
		recs := d.recs
		d.recs = map[[2]string]record{}
		d.poked = false
		d.saves, d.forgets, d.resets = map[uint64]pending{}, nil, nil
		d.running = true
		d.mu.Unlock()
		d.unit.Unlock()
		{
			if err := d.commit(saves, forgets, resets, state, rows, recs); err != nil {
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

func (d *DB) commit(saves map[uint64]pending, forgets []uint64, resets []string, state func() map[string]any, rows map[string]map[uint64][]byte, recs map[[2]string]record) error {
	tx, err := d.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	for _, a := range resets {
		// A reset account's set-up goes too; the snapshot below writes it
		// again if the account configures something new.
		if a == "" {
			_, err = tx.Exec(`DELETE FROM messages; DELETE FROM records; DELETE FROM state WHERE key LIKE 'setup:%'`)
		} else {
			_, err = tx.Exec(`DELETE FROM messages WHERE account = ?`, a)
			if err == nil {
				_, err = tx.Exec(`DELETE FROM records WHERE account = ?`, a)
			}
			if err == nil {
				_, err = tx.Exec(`DELETE FROM state WHERE key = ?`, "setup:"+a)
			}
		}
		if err != nil {
			return err
		}
	}
	if len(forgets) > 0 {
		st := tx.Stmt(d.forget)
		for _, s := range forgets {
			if _, err := st.Exec(int64(s)); err != nil {
				return err
			}
		}
	}
	if len(saves) > 0 {
		st := tx.Stmt(d.upsert)
		for seq, p := range saves {
			if _, err := st.Exec(int64(seq), p.account, p.body); err != nil {
				return err
			}
		}
	}
	for table, byID := range rows {
		if len(byID) == 0 {
			continue
		}
		put, del := tx.Stmt(d.rowPut[table]), tx.Stmt(d.rowDel[table])
		for id, b := range byID {
			if b == nil {
				_, err = del.Exec(int64(id))
			} else {
				_, err = put.Exec(int64(id), b)
			}
			if err != nil {
				return err
			}
		}
	}
	var putRec, delRec *sql.Stmt
	if len(recs) > 0 {
		putRec, delRec = tx.Stmt(d.putRecord), tx.Stmt(d.delRecord)
	}
	for k, r := range recs {
		if r.body == nil {
			_, err = delRec.Exec(k[0], k[1])
		} else {
			_, err = putRec.Exec(k[0], k[1], r.account, r.body)
		}
		if err != nil {
			return err
		}
	}
	changed := map[string]string{}
	if state != nil {
		st := tx.Stmt(d.putState)
		for k, v := range state() {
			b, err := json.Marshal(v)
			if err != nil {
				return err
			}
			if d.written[k] == string(b) {
				continue
			}
			if _, err := st.Exec(k, b); err != nil {
				return err
			}
			changed[k] = string(b)
		}
	}
	if len(resets) > 0 {
		d.written = map[string]string{} // the reset may have deleted set-up rows
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for k, v := range changed {
		d.written[k] = v
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
	if d.queuedLocked() {
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

var (
	_ store.Backend = (*DB)(nil)
	_ store.Pending = (*DB)(nil)
)
