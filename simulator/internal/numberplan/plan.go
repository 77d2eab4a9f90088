// Package numberplan decides how a destination behaves on the RCS and SMS legs:
// the reserved test range 919999RSNNNN (R and S are behaviour digits), and
// profiles that override it by exact number or prefix, per account.
//
// The meaning of each digit is part of jiocxsim's public contract and never
// changes between releases.
package numberplan

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// ReservedPrefix starts every reserved test number: 91 (India), then 9999.
const ReservedPrefix = "919999"

// RCS behaviours (the R digit).
const (
	RCSDelivered   = 0 // RCS capable; delivered
	RCSNotCapable  = 1 // device or user without RCS: error 7002 EC_UNKNOWN_USER
	RCSOffline     = 2 // capable but offline: EXPIRED when the validity period ends
	RCSCarrier     = 3 // carrier without RCS / agent not launched: 7005 EC_FORBIDDEN_ACCESS
	RCSBlocked     = 4 // the user blocked the agent: 7003 EC_BLOCKED_USER
	RCSReplies     = 5 // delivered, seen, then the user replies "YES"
	RCSNoRich      = 6 // cannot render CARD, CAROUSEL or FILE: 7006 EC_BAD_REQUEST
	maxRCSBehavior = 9
)

// SMS behaviours (the S digit).
const (
	SMSDelivered   = 0 // DELIVERED_TO_HANDSET
	SMSAbsent      = 1 // UNDELIVERABLE_NOT_DELIVERED, error 27 EC_ABSENT_SUBSCRIBER
	SMSDND         = 2 // REJECTED_DND
	SMSNeverDone   = 3 // EXPIRED_EXPIRED when the validity period ends
	SMSSlow        = 4 // DELIVERED_TO_OPERATOR first, DELIVERED_TO_HANDSET later
	SMSUnknown     = 5 // UNDELIVERABLE_NOT_DELIVERED, error 1 EC_UNKNOWN_SUBSCRIBER
	maxSMSBehavior = 9
)

// Behavior is what a destination does on each leg.
type Behavior struct {
	RCS int `json:"rcs"`
	SMS int `json:"sms"`
}

// Effective maps reserved digits (7-9 for RCS, 6-9 for SMS) to the behaviour
// they stand for until defined: delivery.
func (b Behavior) Effective() Behavior {
	if b.RCS > RCSNoRich {
		b.RCS = RCSDelivered
	}
	if b.SMS > SMSUnknown {
		b.SMS = SMSDelivered
	}
	return b
}

// Profile overrides the plan for one number or every number with a prefix.
type Profile struct {
	// Account limits the profile to one account; empty applies to all.
	Account string `json:"account,omitempty"`
	// Number is an exact destination (a leading + is ignored).
	Number string `json:"number,omitempty"`
	// Prefix matches every destination that starts with it.
	Prefix string `json:"prefix,omitempty"`
	RCS    int    `json:"rcs"`
	SMS    int    `json:"sms"`
	// Note is free text shown in listings.
	Note string `json:"note,omitempty"`
}

// Validate checks the profile names exactly one of Number and Prefix, digits
// only, and behaviours within 0-9.
func (p Profile) Validate() error {
	if (p.Number == "") == (p.Prefix == "") {
		return errors.New("a profile needs exactly one of number and prefix")
	}
	v := strings.TrimPrefix(p.Number+p.Prefix, "+")
	if v == "" || strings.Trim(v, "0123456789") != "" {
		return fmt.Errorf("number or prefix %q must be digits", p.Number+p.Prefix)
	}
	if p.RCS < 0 || p.RCS > maxRCSBehavior || p.SMS < 0 || p.SMS > maxSMSBehavior {
		return errors.New("rcs and sms must be between 0 and 9")
	}
	return nil
}

// Source says which rule decided a destination's behaviour.
type Source string

// Sources of a decision.
const (
	SourceProfile  Source = "profile"
	SourceReserved Source = "reserved-range"
	SourceDefault  Source = "default"
)

// Decision is a resolved behaviour and where it came from.
type Decision struct {
	Behavior
	Source  Source   `json:"source"`
	Profile *Profile `json:"profile,omitempty"`
}

// Plan holds the profiles. It is safe for concurrent use.
type Plan struct {
	mu       sync.RWMutex
	profiles []Profile
}

// New returns a plan with the given start-up profiles.
func New(profiles []Profile) (*Plan, error) {
	p := &Plan{}
	for _, pr := range profiles {
		if err := p.Set(pr); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// Normalize strips a leading + and spaces.
func Normalize(number string) string { return strings.TrimPrefix(strings.TrimSpace(number), "+") }

// Reserved decodes a reserved-range number: 919999, R, S, then four digits.
func Reserved(number string) (Behavior, bool) {
	n := Normalize(number)
	if len(n) != 12 || !strings.HasPrefix(n, ReservedPrefix) || strings.Trim(n, "0123456789") != "" {
		return Behavior{}, false
	}
	return Behavior{RCS: int(n[6] - '0'), SMS: int(n[7] - '0')}, true
}

// Resolve decides how a destination behaves for an account: an account's
// exact profile, then its longest prefix, then the same for profiles of all
// accounts, then the reserved range, then delivery on both legs.
func (p *Plan) Resolve(account, number string) Decision {
	n := Normalize(number)
	p.mu.RLock()
	defer p.mu.RUnlock()
	for _, scope := range []string{account, ""} {
		var best *Profile
		for i := range p.profiles {
			pr := &p.profiles[i]
			if pr.Account != scope {
				continue
			}
			if pr.Number != "" && Normalize(pr.Number) == n {
				best = pr
				break
			}
			if pr.Prefix != "" && strings.HasPrefix(n, Normalize(pr.Prefix)) && (best == nil || len(pr.Prefix) > len(best.Prefix)) && (best == nil || best.Number == "") {
				best = pr
			}
		}
		if best != nil {
			c := *best
			return Decision{Behavior: Behavior{RCS: c.RCS, SMS: c.SMS}, Source: SourceProfile, Profile: &c}
		}
		if account == "" {
			break
		}
	}
	if b, ok := Reserved(n); ok {
		return Decision{Behavior: b, Source: SourceReserved}
	}
	return Decision{Source: SourceDefault}
}

// Set adds a profile, replacing one with the same account and number or prefix.
func (p *Plan) Set(pr Profile) error {
	if err := pr.Validate(); err != nil {
		return err
	}
	pr.Number, pr.Prefix = Normalize(pr.Number), Normalize(pr.Prefix)
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, x := range p.profiles {
		if x.Account == pr.Account && x.Number == pr.Number && x.Prefix == pr.Prefix {
			p.profiles[i] = pr
			return nil
		}
	}
	p.profiles = append(p.profiles, pr)
	return nil
}

// Profiles lists the profiles that apply to an account (its own and those of
// all accounts), or every profile when account is empty.
func (p *Plan) Profiles(account string) []Profile {
	p.mu.RLock()
	defer p.mu.RUnlock()
	out := []Profile{}
	for _, pr := range p.profiles {
		if account == "" || pr.Account == account || pr.Account == "" {
			out = append(out, pr)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Account < out[j].Account })
	return out
}

// Clear removes the profiles of one account (set at run time), or all when
// account is empty. It returns how many were removed.
func (p *Plan) Clear(account string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	kept := p.profiles[:0]
	n := 0
	for _, pr := range p.profiles {
		if account == "" || pr.Account == account {
			n++
			continue
		}
		kept = append(kept, pr)
	}
	p.profiles = kept
	return n
}

// Rule documents one digit of the plan.
type Rule struct {
	Digit    string `json:"digit"`
	Behavior string `json:"behavior"`
	Report   string `json:"report"`
}

// RCSRules documents the R digit.
func RCSRules() []Rule {
	return []Rule{
		{"0", "RCS capable; delivered", "DELIVERED_TO_HANDSET; capability ENABLED"},
		{"1", "not RCS capable (device or user without RCS)", "error 7002 EC_UNKNOWN_USER; capability UNREACHABLE"},
		{"2", "RCS capable but offline: no report until the validity period ends", "EXPIRED_EXPIRED at expiry; capability ENABLED"},
		{"3", "carrier without RCS / agent not launched on the carrier", "error 7005 EC_FORBIDDEN_ACCESS; capability REJECTED_NETWORK"},
		{"4", "user has blocked the agent", "error 7003 EC_BLOCKED_USER; capability ENABLED"},
		{"5", "delivered, then seen, then the user replies YES", "DELIVERED_TO_HANDSET, seen report, inbound MO"},
		{"6", "device cannot render CARD, CAROUSEL or FILE; TEXT is delivered", "error 7006 EC_BAD_REQUEST for rich content"},
		{"7-9", "reserved; behave as 0", "as 0"},
	}
}

// SMSRules documents the S digit.
func SMSRules() []Rule {
	return []Rule{
		{"0", "delivered", "DELIVERED_TO_HANDSET, NO_ERROR"},
		{"1", "handset absent", "UNDELIVERABLE_NOT_DELIVERED, error 27 EC_ABSENT_SUBSCRIBER (not permanent)"},
		{"2", "subscriber on the do-not-disturb register", "REJECTED_DND"},
		{"3", "never delivered within the validity period", "EXPIRED_EXPIRED at expiry"},
		{"4", "slow", "DELIVERED_TO_OPERATOR (intermediate, when asked for), then DELIVERED_TO_HANDSET"},
		{"5", "unknown subscriber", "UNDELIVERABLE_NOT_DELIVERED, error 1 EC_UNKNOWN_SUBSCRIBER (permanent)"},
		{"6-9", "reserved; behave as 0", "as 0"},
	}
}
