// Package inbound keeps what the simulated platform knows about users'
// messages: the forwarding configurations (which URL and renderer an agent's
// or a number's inbound messages go to) and the subscribers who opted out of
// an agent with STOP.
package inbound

import (
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Forwarding types the simulator acts on.
const (
	HTTPForward = "HTTP_FORWARD"
	Pull        = "PULL"
)

// Config is one stored forwarding configuration.
type Config struct {
	Key        string          `json:"configurationKey"`
	Account    string          `json:"account"`
	Channel    string          `json:"channel"`  // RCS or SMS
	Resource   string          `json:"resource"` // the RCS sender (agent) or the SMS number
	Keyword    *string         `json:"keyword"`  // nil matches every message
	Username   string          `json:"username,omitempty"`
	Platform   *wire.Platform  `json:"platform,omitempty"`
	Forwarding wire.Forwarding `json:"forwarding"`
}

// Registry holds configurations. It is safe for concurrent use.
type Registry struct {
	mu      sync.RWMutex
	configs []Config
}

func sameKeyword(a, b *string) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return strings.EqualFold(*a, *b)
}

// Put stores c, replacing the configuration of the same account, channel,
// resource and keyword (which keeps its key), and returns what was stored.
func (r *Registry) Put(c Config) Config {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, x := range r.configs {
		if x.Account == c.Account && x.Channel == c.Channel && x.Resource == c.Resource && sameKeyword(x.Keyword, c.Keyword) {
			c.Key = x.Key
			r.configs[i] = c
			return c
		}
	}
	r.configs = append(r.configs, c)
	return c
}

// Filter selects configurations; empty fields match everything.
type Filter struct {
	Key      string
	Channel  string
	Resource string
	Keyword  string
}

// List returns an account's configurations that match f.
func (r *Registry) List(account string, f Filter) []Config {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := []Config{}
	for _, c := range r.configs {
		if (account == "" || c.Account == account) &&
			(f.Key == "" || c.Key == f.Key) && (f.Channel == "" || c.Channel == f.Channel) &&
			(f.Resource == "" || c.Resource == f.Resource) &&
			(f.Keyword == "" || (c.Keyword != nil && strings.EqualFold(*c.Keyword, f.Keyword))) {
			out = append(out, c)
		}
	}
	return out
}

// Delete removes an account's configuration by key.
func (r *Registry) Delete(account, key string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, c := range r.configs {
		if c.Key == key && (account == "" || c.Account == account) {
			r.configs = append(r.configs[:i], r.configs[i+1:]...)
			return true
		}
	}
	return false
}

// Match finds the configuration an inbound message follows: one whose keyword
// is the message's first word, else one without a keyword.
func (r *Registry) Match(account, channel, resource, text string) (Config, bool) {
	first := strings.ToUpper(firstWord(text))
	r.mu.RLock()
	defer r.mu.RUnlock()
	var fallback *Config
	for i := range r.configs {
		c := &r.configs[i]
		if c.Account != account || c.Channel != channel || c.Resource != resource {
			continue
		}
		if c.Keyword == nil || *c.Keyword == "" {
			fallback = c
			continue
		}
		if strings.ToUpper(*c.Keyword) == first {
			return *c, true
		}
	}
	if fallback != nil {
		return *fallback, true
	}
	return Config{}, false
}

// Reset removes an account's configurations (all when empty).
func (r *Registry) Reset(account string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	kept := r.configs[:0]
	for _, c := range r.configs {
		if account != "" && c.Account != account {
			kept = append(kept, c)
		}
	}
	r.configs = kept
}

func firstWord(text string) string {
	f := strings.Fields(text)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// SplitKeyword returns the keyword (the first word, upper-cased) and the text
// after it, as Infobip's keyword and cleanText.
func SplitKeyword(text string) (keyword, clean string) {
	t := strings.TrimSpace(text)
	k := firstWord(t)
	return strings.ToUpper(k), strings.TrimSpace(strings.TrimPrefix(t, k))
}

// Keywords are the words that opt a user out of an agent and back in.
type Keywords struct {
	Stop  []string `json:"stop"`
	Start []string `json:"start"`
}

// DefaultKeywords are the common opt-out and opt-in words.
func DefaultKeywords() Keywords {
	return Keywords{
		Stop:  []string{"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"},
		Start: []string{"START", "UNSTOP", "SUBSCRIBE"},
	}
}

func (k Keywords) match(list []string, text string) bool {
	t := strings.ToUpper(strings.TrimSpace(text))
	for _, w := range list {
		if t == strings.ToUpper(w) {
			return true
		}
	}
	return false
}

// IsStop reports whether a whole message is an opt-out word.
func (k Keywords) IsStop(text string) bool { return k.match(k.Stop, text) }

// IsStart reports whether a whole message is an opt-in word.
func (k Keywords) IsStart(text string) bool { return k.match(k.Start, text) }

// Block is one user who opted out of an agent.
type Block struct {
	Account string    `json:"account"`
	Sender  string    `json:"sender"`
	User    string    `json:"user"`
	Since   time.Time `json:"since"`
	// Reason is the keyword that blocked, or "control" when set directly.
	Reason string `json:"reason"`
}

// Subscribers tracks opt-outs per account, sender and user. It is safe for
// concurrent use.
type Subscribers struct {
	mu      sync.RWMutex
	blocked map[[3]string]Block
}

// Block records that user blocked sender.
func (s *Subscribers) Block(b Block) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.blocked == nil {
		s.blocked = map[[3]string]Block{}
	}
	s.blocked[[3]string{b.Account, b.Sender, b.User}] = b
}

// Unblock makes the user reachable by the sender again; it reports whether
// the user was blocked.
func (s *Subscribers) Unblock(account, sender, user string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := [3]string{account, sender, user}
	_, ok := s.blocked[k]
	delete(s.blocked, k)
	return ok
}

// Blocked reports whether user blocked sender.
func (s *Subscribers) Blocked(account, sender, user string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, ok := s.blocked[[3]string{account, sender, user}]
	return ok
}

// List returns an account's blocks (all when empty), oldest first.
func (s *Subscribers) List(account string) []Block {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []Block{}
	for _, b := range s.blocked {
		if account == "" || b.Account == account {
			out = append(out, b)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Since.Equal(out[j].Since) {
			return out[i].User < out[j].User
		}
		return out[i].Since.Before(out[j].Since)
	})
	return out
}

// Reset forgets an account's blocks (all when empty).
func (s *Subscribers) Reset(account string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, b := range s.blocked {
		if account == "" || b.Account == account {
			delete(s.blocked, k)
		}
	}
}
