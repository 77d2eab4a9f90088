package simulator

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/internal/pull"
	"github.com/jiocxsim/jiocxsim/simulator/internal/tracking"
)

// Kinds of the database's records table.
const (
	recordLink = "link"
	recordPull = "pull"
	// recordInbound is an inbound record: what /_sim/inbound and the UI list.
	recordInbound = "inbound"
)

// keptLink is a short link as the database keeps it: with the sequence of
// its message, which a link's JSON leaves out.
type keptLink struct {
	tracking.Link
	MessageSeq uint64 `json:"messageSeq"`
}

// keepLink records a short link (made, or clicked) in the database.
func (s *Server) keepLink(l tracking.Link) {
	if s.durable == nil {
		return
	}
	s.durable.db.PutRecord(recordLink, l.Code, l.Account, keptLink{Link: l, MessageSeq: l.Seq})
}

// pullKeeper writes the pull queue's changes to the database.
type pullKeeper struct{ s *Server }

func pullKey(id uint64) string { return fmt.Sprintf("%020d", id) } // sorts as the ids do

// keptPull is a pull entry as the database keeps it: its keys written out
// beside it (a held report's come from its message, which the database
// may no longer hold when it is read back). The field names are those the
// entry had when it carried its keys, so older databases still read.
type keptPull struct {
	Account             string
	Family              string
	BulkID              string
	MessageID           string
	EntityID            string
	ApplicationID       string
	CampaignReferenceID string
	Channel             string
	At                  time.Time
	Body                any
	ID                  uint64
}

// entry is the pull entry k was written from, with body as its body.
func (k keptPull) entry(body json.RawMessage) pull.Entry {
	return pull.Entry{Family: k.Family, At: k.At, Body: body, ID: k.ID,
		Keys: &pull.Keys{Account: k.Account, BulkID: k.BulkID, MessageID: k.MessageID, EntityID: k.EntityID,
			ApplicationID: k.ApplicationID, CampaignReferenceID: k.CampaignReferenceID, Channel: k.Channel}}
}

func (k pullKeeper) Kept(e pull.Entry) {
	var keys pull.Keys
	if e.Keys != nil {
		keys = e.Keys.PullKeys()
	}
	k.s.durable.db.PutRecord(recordPull, pullKey(e.ID), keys.Account, keptPull{
		Account: keys.Account, Family: e.Family, BulkID: keys.BulkID, MessageID: keys.MessageID,
		EntityID: keys.EntityID, ApplicationID: keys.ApplicationID, CampaignReferenceID: keys.CampaignReferenceID,
		Channel: keys.Channel, At: e.At, Body: e.Body, ID: e.ID,
	})
}

func (k pullKeeper) Gone(ids []uint64) {
	for _, id := range ids {
		k.s.durable.db.DeleteRecord(recordPull, pullKey(id))
	}
}

// restoreRecords reads short links and waiting pull entries back.
func (s *Server) restoreRecords() error {
	links, err := s.durable.db.Records(recordLink)
	if err != nil {
		return err
	}
	for _, b := range links {
		var l keptLink
		if err := json.Unmarshal(b, &l); err != nil {
			return fmt.Errorf("stored short link: %w", err)
		}
		s.shortener.Restore(l.Link, l.MessageSeq)
	}
	entries, err := s.durable.db.Records(recordPull)
	if err != nil {
		return err
	}
	restored := make([]pull.Entry, 0, len(entries))
	for _, b := range entries {
		// The body stays the JSON it was written as, so the pull endpoint
		// answers with the same field order as before the restart.
		var kept struct {
			keptPull
			Body json.RawMessage
		}
		if err := json.Unmarshal(b, &kept); err != nil {
			return fmt.Errorf("stored pull entry: %w", err)
		}
		restored = append(restored, kept.entry(kept.Body))
	}
	s.pull.Restore(restored)
	s.pull.Keep(pullKeeper{s})

	inbound, err := s.durable.db.Records(recordInbound)
	if err != nil {
		return err
	}
	s.inboundLog.mu.Lock()
	defer s.inboundLog.mu.Unlock()
	for _, b := range inbound {
		var rec InboundRecord
		var raw struct {
			Body json.RawMessage `json:"body"`
		}
		if err := json.Unmarshal(b, &rec); err != nil {
			return fmt.Errorf("stored inbound record: %w", err)
		}
		if err := json.Unmarshal(b, &raw); err != nil {
			return fmt.Errorf("stored inbound record: %w", err)
		}
		rec.Body = raw.Body
		s.inboundLog.records = append(s.inboundLog.records, &rec)
		s.inboundLog.seq = max(s.inboundLog.seq, rec.Seq)
	}
	s.inboundLog.keep = func(r InboundRecord) {
		s.durable.db.PutRecord(recordInbound, pullKey(r.Seq), r.Account, r)
	}
	return nil
}
