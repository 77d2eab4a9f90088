// Package dlt scrubs SMS to Indian numbers the way operators do under TRAI's
// Distributed Ledger Technology rules: the principal entity (PE), the header
// (sender id), the content template and the telemarketer named in the request
// must be registered, active and tied to each other, and the text must match
// the template.
package dlt

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// Status of a registry entry.
const (
	Active      = "ACTIVE"
	Inactive    = "INACTIVE"
	Blacklisted = "BLACKLISTED"
)

// Modes of scrubbing, per account.
const (
	// Strict fails an Indian SMS without DLT ids, as operators do.
	Strict = "strict"
	// Lenient delivers an Indian SMS without DLT ids, with a warning; ids that
	// are given are always checked.
	Lenient = "lenient"
	// Off checks nothing.
	Off = "off"
)

// MaxVariable is the most characters a {#var#} placeholder may stand for.
const MaxVariable = 30

// Entity is a principal entity (the business).
type Entity struct {
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	Status string `json:"status,omitempty"`
}

// Header is a registered sender id.
type Header struct {
	ID       string `json:"id"`
	EntityID string `json:"entityId"`
	Status   string `json:"status,omitempty"`
}

// Template is a registered content template.
type Template struct {
	ID       string   `json:"id"`
	EntityID string   `json:"entityId"`
	Headers  []string `json:"headers"`
	Type     string   `json:"type,omitempty"` // TRANSACTIONAL, SERVICE_IMPLICIT, SERVICE_EXPLICIT, PROMOTIONAL
	Text     string   `json:"text"`           // with {#var#} placeholders
	Status   string   `json:"status,omitempty"`
}

// Telemarketer is a registered telemarketer (aggregator).
type Telemarketer struct {
	ID     string `json:"id"`
	Status string `json:"status,omitempty"`
}

// Registry is one account's DLT registrations.
type Registry struct {
	Entities      []Entity       `json:"entities"`
	Headers       []Header       `json:"headers"`
	Templates     []Template     `json:"templates"`
	Telemarketers []Telemarketer `json:"telemarketers"`
}

func active(s string) string {
	if s == "" {
		return Active
	}
	return strings.ToUpper(s)
}

// Validate checks statuses and that every reference points at an entry.
func (r Registry) Validate() error {
	ents := map[string]bool{}
	for _, e := range r.Entities {
		if e.ID == "" {
			return errors.New("dlt: an entity needs an id")
		}
		if err := checkStatus(e.Status); err != nil {
			return fmt.Errorf("dlt: entity %s: %w", e.ID, err)
		}
		ents[e.ID] = true
	}
	for _, h := range r.Headers {
		if h.ID == "" || !ents[h.EntityID] {
			return fmt.Errorf("dlt: header %q must name a registered entity (entityId %q)", h.ID, h.EntityID)
		}
		if err := checkStatus(h.Status); err != nil {
			return fmt.Errorf("dlt: header %s: %w", h.ID, err)
		}
	}
	for _, t := range r.Templates {
		if t.ID == "" || !ents[t.EntityID] || t.Text == "" {
			return fmt.Errorf("dlt: template %q needs an id, text and a registered entity (entityId %q)", t.ID, t.EntityID)
		}
		if err := checkStatus(t.Status); err != nil {
			return fmt.Errorf("dlt: template %s: %w", t.ID, err)
		}
	}
	for _, t := range r.Telemarketers {
		if err := checkStatus(t.Status); err != nil {
			return fmt.Errorf("dlt: telemarketer %s: %w", t.ID, err)
		}
	}
	return nil
}

func checkStatus(s string) error {
	switch active(s) {
	case Active, Inactive, Blacklisted:
		return nil
	}
	return fmt.Errorf("status must be ACTIVE, INACTIVE or BLACKLISTED, not %q", s)
}

// Error ids of DLT failures (Infobip's DLT error codes).
const (
	ErrTelemarketerNotRegistered = 4118
	ErrTelemarketerInactive      = 4119
	ErrTelemarketerBlacklisted   = 4120
	ErrEntityNotFound            = 4112
	ErrEntityInactive            = 4114
	ErrEntityBlacklisted         = 4115
	ErrInvalidEntityID           = 4116
	ErrHeaderNotFound            = 4121
	ErrHeaderInactive            = 4122
	ErrHeaderBlacklisted         = 4123
	ErrPEIDNotMatchedWithHeader  = 4124
	ErrTemplateInactive          = 4127
	ErrTemplateBlacklisted       = 4128
	ErrTemplateNotMatched        = 4129
	ErrHeaderNotRegForTemplate   = 4130
	ErrTemplateVariableTooLong   = 4131
	ErrInvalidTemplateID         = 4133
	ErrTemplateNotRegToEntity    = 4134
)

// Request is what an SMS carries for scrubbing.
type Request struct {
	Destination    string
	Header         string // the SMS sender
	Text           string
	EntityID       string
	TemplateID     string
	TelemarketerID string
	// HasDLT says the request had a regional.indiaDlt object at all.
	HasDLT bool
}

// Verdict is the outcome of scrubbing.
type Verdict struct {
	// Error is the DLT error id refusing the SMS, 0 when it may go.
	Error int
	// Reason explains the verdict in words.
	Reason string
	// Warning is set when lenient mode let through what strict mode refuses.
	Warning string
}

// Applies reports whether DLT rules cover a destination: Indian numbers.
func Applies(destination string) bool {
	return strings.HasPrefix(strings.TrimPrefix(destination, "+"), "91")
}

var peShape = regexp.MustCompile(`^\d{1,30}$`)

// The reasons a message without DLT ids is refused, and the lenient mode's
// warning around them.
const (
	noEntityReason = "no principal entity id (regional.indiaDlt.principalEntityId)"
	noDLTReason    = "no DLT ids (regional.indiaDlt)"
	lenientHead    = "would be rejected by DLT scrubbing: "
	lenientTail    = "; delivered because the account's DLT mode is lenient"
)

// Scrub checks an SMS against a registry in a mode.
func Scrub(reg Registry, mode string, req Request) Verdict {
	if mode == Off || !Applies(req.Destination) {
		return Verdict{}
	}
	if strings.TrimSpace(req.EntityID) == "" {
		// Constants: every stored message of a lenient account shares one
		// warning string instead of holding a copy of its own.
		reason, warning := noEntityReason, lenientHead+noEntityReason+lenientTail
		if !req.HasDLT {
			reason, warning = noDLTReason, lenientHead+noDLTReason+lenientTail
		}
		if mode == Lenient {
			return Verdict{Warning: warning}
		}
		return Verdict{Error: ErrInvalidEntityID, Reason: reason}
	}
	if !peShape.MatchString(req.EntityID) {
		return Verdict{Error: ErrInvalidEntityID, Reason: fmt.Sprintf("principal entity id %q is not a numeric DLT id", req.EntityID)}
	}
	ent := find(reg.Entities, func(e Entity) bool { return e.ID == req.EntityID })
	if v, bad := registered(ent != nil, statusOf(ent), "principal entity "+req.EntityID, ErrEntityNotFound, ErrEntityInactive, ErrEntityBlacklisted); bad {
		return v
	}
	hdr := find(reg.Headers, func(h Header) bool { return strings.EqualFold(h.ID, req.Header) })
	if v, bad := registered(hdr != nil, statusOf(hdr), "header "+req.Header, ErrHeaderNotFound, ErrHeaderInactive, ErrHeaderBlacklisted); bad {
		return v
	}
	if hdr.EntityID != req.EntityID {
		return Verdict{Error: ErrPEIDNotMatchedWithHeader, Reason: "header " + req.Header + " belongs to entity " + hdr.EntityID + ", not " + req.EntityID}
	}
	if req.TemplateID == "" {
		return Verdict{Error: ErrInvalidTemplateID, Reason: "no content template id (regional.indiaDlt.contentTemplateId)"}
	}
	tpl := find(reg.Templates, func(t Template) bool { return t.ID == req.TemplateID })
	if v, bad := registered(tpl != nil, statusOf(tpl), "content template "+req.TemplateID, ErrInvalidTemplateID, ErrTemplateInactive, ErrTemplateBlacklisted); bad {
		return v
	}
	switch {
	case tpl.EntityID != req.EntityID:
		return Verdict{Error: ErrTemplateNotRegToEntity, Reason: "content template " + req.TemplateID + " belongs to entity " + tpl.EntityID + ", not " + req.EntityID}
	case !containsFold(tpl.Headers, req.Header):
		return Verdict{Error: ErrHeaderNotRegForTemplate, Reason: "header " + req.Header + " is not registered for template " + req.TemplateID}
	}
	switch Match(tpl.Text, req.Text) {
	case NoMatch:
		return Verdict{Error: ErrTemplateNotMatched, Reason: fmt.Sprintf("text does not match template %s %q", tpl.ID, tpl.Text)}
	case VariableTooLong:
		return Verdict{Error: ErrTemplateVariableTooLong, Reason: fmt.Sprintf("a variable of template %s would be longer than %d characters", tpl.ID, MaxVariable)}
	}
	if req.TelemarketerID != "" {
		tm := find(reg.Telemarketers, func(t Telemarketer) bool { return t.ID == req.TelemarketerID })
		if v, bad := registered(tm != nil, statusOf(tm), "telemarketer "+req.TelemarketerID, ErrTelemarketerNotRegistered, ErrTelemarketerInactive, ErrTelemarketerBlacklisted); bad {
			return v
		}
	}
	return Verdict{Reason: "matches template " + tpl.ID}
}

// find returns the last entry that matches, or nil.
func find[T any](list []T, match func(T) bool) *T {
	var found *T
	for i := range list {
		if match(list[i]) {
			found = &list[i]
		}
	}
	return found
}

// statused is a registry entry with a status.
type statused interface{ status() string }

func (e Entity) status() string       { return e.Status }
func (h Header) status() string       { return h.Status }
func (t Template) status() string     { return t.Status }
func (t Telemarketer) status() string { return t.Status }

func statusOf[T statused](p *T) string {
	if p == nil {
		return ""
	}
	return (*p).status()
}

// registered checks that an entry exists and is active, naming what it is
// in the refusal.
func registered(found bool, status, what string, notFound, inactive, blacklisted int) (Verdict, bool) {
	switch {
	case !found:
		return Verdict{Error: notFound, Reason: what + " is not registered"}, true
	case active(status) == Inactive:
		return Verdict{Error: inactive, Reason: what + " is inactive"}, true
	case active(status) == Blacklisted:
		return Verdict{Error: blacklisted, Reason: what + " is blacklisted"}, true
	}
	return Verdict{}, false
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// MatchResult says how a text compares with a template.
type MatchResult int

// Match results.
const (
	Matches MatchResult = iota
	NoMatch
	VariableTooLong // the literal parts match but a variable is over MaxVariable
)

var placeholder = regexp.MustCompile(`\{#var#\}`)

// Match compares a text with a template: the literal parts must match
// exactly, each {#var#} stands for up to 30 characters.
func Match(template, text string) MatchResult {
	if templateRegexp(template, MaxVariable).MatchString(text) {
		return Matches
	}
	if templateRegexp(template, -1).MatchString(text) {
		return VariableTooLong
	}
	return NoMatch
}

func templateRegexp(template string, max int) *regexp.Regexp {
	parts := placeholder.Split(template, -1)
	variable := `(?s:.*?)`
	if max >= 0 {
		variable = fmt.Sprintf(`(?s:.{0,%d}?)`, max)
	}
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	return regexp.MustCompile(`^` + strings.Join(parts, variable) + `$`)
}

// Store holds a registry per account plus the one every account starts
// with. It is safe for concurrent use.
type Store struct {
	mu       sync.RWMutex
	defaults Registry
	mode     string
	accounts map[string]*accountState
}

type accountState struct {
	reg  *Registry // nil: the defaults
	mode string    // "": the default mode
}

// NewStore returns a store whose accounts start with defaults in mode.
func NewStore(defaults Registry, mode string) *Store {
	return &Store{defaults: defaults, mode: mode, accounts: map[string]*accountState{}}
}

// ValidMode reports whether m is strict, lenient or off.
func ValidMode(m string) bool { return m == Strict || m == Lenient || m == Off }

// Registry returns an account's registry.
func (s *Store) Registry(account string) Registry {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if a := s.accounts[account]; a != nil && a.reg != nil {
		return *a.reg
	}
	return s.defaults
}

// SetRegistry replaces an account's registry.
func (s *Store) SetRegistry(account string, r Registry) error {
	if err := r.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state(account).reg = &r
	return nil
}

// Mode returns an account's scrubbing mode.
func (s *Store) Mode(account string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if a := s.accounts[account]; a != nil && a.mode != "" {
		return a.mode
	}
	return s.mode
}

// SetMode sets an account's scrubbing mode.
func (s *Store) SetMode(account, mode string) error {
	if !ValidMode(mode) {
		return fmt.Errorf("dlt: mode must be strict, lenient or off, not %q", mode)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state(account).mode = mode
	return nil
}

func (s *Store) state(account string) *accountState {
	a := s.accounts[account]
	if a == nil {
		a = &accountState{}
		s.accounts[account] = a
	}
	return a
}

// Reset returns an account (all when empty) to the defaults.
func (s *Store) Reset(account string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if account == "" {
		s.accounts = map[string]*accountState{}
		return
	}
	delete(s.accounts, account)
}
