// Package tracking is the simulated provider click tracking: URLs in a
// message's text become short links the simulator serves, a click redirects
// to the original URL and may be reported, custom short domains must be
// registered and verified, and links that are already tracking links are
// flagged (wrapping them again inflates click metrics).
package tracking

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Options are a message's tracking options (urlOptions / options.tracking),
// with Infobip's defaults applied.
type Options struct {
	Shorten        bool
	TrackClicks    bool
	RemoveProtocol bool
	TrackingURL    string
	CustomDomain   string
}

// Link is one short link.
type Link struct {
	Code         string    `json:"code"`
	URL          string    `json:"url"`   // the original URL
	Short        string    `json:"short"` // as it appears in the message
	Account      string    `json:"account"`
	MessageID    string    `json:"messageId"`
	BulkID       string    `json:"bulkId,omitempty"`
	Recipient    string    `json:"recipient"`
	CallbackData string    `json:"callbackData,omitempty"`
	EntityID     string    `json:"entityId,omitempty"`
	AppID        string    `json:"applicationId,omitempty"`
	TrackClicks  bool      `json:"trackClicks"`
	TrackingURL  string    `json:"trackingUrl,omitempty"`
	Clicks       int       `json:"clicks"`
	CreatedAt    time.Time `json:"createdAt"`
	// Seq is the store sequence of the message the link belongs to.
	Seq uint64 `json:"-"`
}

// ErrDomainNotVerified is returned when a message names a custom domain that
// the account has not registered as verified.
var ErrDomainNotVerified = errors.New("custom domain is not verified")

// DefaultTrackerPatterns match links of common click trackers and URL
// shorteners, to flag double wrapping.
func DefaultTrackerPatterns() []string {
	return []string{
		`^https?://(www\.)?bit\.ly/`,
		`^https?://(www\.)?tinyurl\.com/`,
		`^https?://(www\.)?t\.co/`,
		`^https?://[a-z0-9.-]*wzrk\.co/`,
		`^https?://[a-z0-9.-]*wzrkt\.com/`,
		`[?&]utm_[a-z]+=.*[?&](trk|click_id|clickid)=`,
	}
}

var urlPattern = regexp.MustCompile(`https?://[^\s<>"'{}|\\^\x60]+`)

// trimURL drops punctuation that ends a sentence rather than the URL.
func trimURL(u string) string { return strings.TrimRight(u, ".,;:!?)]'\"") }

// Shortener makes and resolves short links. It is safe for concurrent use.
type Shortener struct {
	newCode  func() string
	trackers []*regexp.Regexp

	mu      sync.Mutex
	links   map[string]*Link
	domains map[string]map[string]bool // account -> domain -> verified
}

// New returns a shortener. newCode makes unique link codes; patterns match
// URLs that are already tracking links.
func New(newCode func() string, patterns []string) (*Shortener, error) {
	s := &Shortener{newCode: newCode, links: map[string]*Link{}, domains: map[string]map[string]bool{}}
	for _, p := range patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("tracking: pattern %q: %w", p, err)
		}
		s.trackers = append(s.trackers, re)
	}
	return s, nil
}

// SetDomain registers an account's custom short domain, verified or not.
func (s *Shortener) SetDomain(account, domain string, verified bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.domains[account] == nil {
		s.domains[account] = map[string]bool{}
	}
	s.domains[account][strings.ToLower(domain)] = verified
}

// Domains lists an account's custom domains and whether each is verified.
func (s *Shortener) Domains(account string) map[string]bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]bool{}
	for d, v := range s.domains[account] {
		out[d] = v
	}
	return out
}

// CheckDomain says whether a message may use a custom domain.
func (s *Shortener) CheckDomain(account, domain string) error {
	if domain == "" {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	verified, known := s.domains[account][strings.ToLower(domain)]
	switch {
	case !known:
		return fmt.Errorf("%w: %s is not registered for this account", ErrDomainNotVerified, domain)
	case !verified:
		return fmt.Errorf("%w: %s is registered but not verified", ErrDomainNotVerified, domain)
	}
	return nil
}

// IsTracker reports whether u already is a tracking link: one of ours
// (under base) or one matching a tracker pattern.
func (s *Shortener) IsTracker(u, base string) (bool, string) {
	if base != "" && strings.HasPrefix(u, strings.TrimRight(base, "/")+"/") {
		return true, "this simulator's own short links"
	}
	for _, re := range s.trackers {
		if re.MatchString(u) {
			return true, re.String()
		}
	}
	return false, ""
}

// Rewrite replaces every URL of text by a short link under base (or the
// custom domain), records the links with meta's fields, and returns the new
// text, the links and warnings about links that were tracking links already.
// With Shorten false the text is returned as it is.
func (s *Shortener) Rewrite(text, base string, opt Options, meta Link) (string, []Link, []string) {
	if !opt.Shorten {
		return text, nil, nil
	}
	var links []Link
	var warnings []string
	out := urlPattern.ReplaceAllStringFunc(text, func(raw string) string {
		u := trimURL(raw)
		tail := raw[len(u):]
		if ok, why := s.IsTracker(u, base); ok {
			warnings = append(warnings, fmt.Sprintf("%s is already a tracking link (%s): provider click tracking wraps it again, which inflates click metrics", u, why))
		}
		l := meta
		l.Code, l.URL = s.newCode(), u
		l.TrackClicks, l.TrackingURL = opt.TrackClicks, opt.TrackingURL
		prefix := strings.TrimRight(base, "/") + "/"
		if opt.CustomDomain != "" {
			prefix = "https://" + strings.ToLower(opt.CustomDomain) + "/"
		}
		l.Short = prefix + l.Code
		if opt.RemoveProtocol {
			l.Short = strings.TrimPrefix(strings.TrimPrefix(l.Short, "https://"), "http://")
		}
		s.mu.Lock()
		stored := l
		s.links[l.Code] = &stored
		s.mu.Unlock()
		links = append(links, l)
		return l.Short + tail
	})
	return out, links, warnings
}

// Click records a click on a link and returns it.
func (s *Shortener) Click(code string) (Link, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.links[code]
	if !ok {
		return Link{}, false
	}
	l.Clicks++
	return *l, true
}

// Lookup returns a link without clicking it.
func (s *Shortener) Lookup(code string) (Link, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.links[code]
	if !ok {
		return Link{}, false
	}
	return *l, true
}

// Links lists an account's links (all when empty) of one message (all when empty).
func (s *Shortener) Links(account, messageID string) []Link {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []Link{}
	for _, l := range s.links {
		if (account == "" || l.Account == account) && (messageID == "" || l.MessageID == messageID) {
			out = append(out, *l)
		}
	}
	return out
}

// Reset forgets an account's links and domains (all when empty).
func (s *Shortener) Reset(account string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c, l := range s.links {
		if account == "" || l.Account == account {
			delete(s.links, c)
		}
	}
	if account == "" {
		s.domains = map[string]map[string]bool{}
		return
	}
	delete(s.domains, account)
}

// Restore puts links read back from a durable simulator's database; seq is
// each link's message sequence (not part of a link's JSON).
func (s *Shortener) Restore(l Link, seq uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l.Seq = seq
	s.links[l.Code] = &l
}
