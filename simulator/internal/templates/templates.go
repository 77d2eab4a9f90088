// Package templates keeps the RCS message templates an account registered
// per sender (India's operators deliver RCS only from approved templates):
// their content, the placeholders in it, and each provider's approval. The
// send path checks PROVIDER_TEMPLATE content against it.
package templates

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// Provider approval states (RcsProviderTemplateApiStatus).
const (
	Pending   = "PENDING"
	Approved  = "APPROVED"
	Rejected  = "REJECTED"
	Suspended = "SUSPENDED"
)

// Aggregate template states (RcsTemplateApiStatus) besides the four above.
const (
	ApprovedInProgress = "APPROVED_IN_PROGRESS"
	ApprovedPartially  = "APPROVED_PARTIALLY"
)

// Any is the account or sender of a seeded template every account and
// sender sees (until it registers one of the same name).
const Any = "*"

// India is the country whose template providers the simulator knows; JIO is
// the operator JioCX sends through, INDIA_VI the spec's example.
const India = "IN"

// Providers lists the template providers of each country.
var Providers = map[string][]string{India: {"JIO", "INDIA_VI"}}

// AllProviders is every provider, sorted.
func AllProviders() []string {
	var out []string
	for _, ps := range Providers {
		out = append(out, ps...)
	}
	sort.Strings(out)
	return out
}

// CountryOf returns the country of a provider ("" when unknown).
func CountryOf(provider string) string {
	for c, ps := range Providers {
		for _, p := range ps {
			if p == provider {
				return c
			}
		}
	}
	return ""
}

// ProviderState is one provider's decision on a template.
type ProviderState struct {
	Status    string    `json:"status"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// Template is one registered template.
type Template struct {
	Account    string                   `json:"account"`
	Sender     string                   `json:"sender"`
	Name       string                   `json:"name"`
	Type       string                   `json:"type"`
	Content    json.RawMessage          `json:"content"`
	Providers  map[string]ProviderState `json:"providers"`
	LastUpdate time.Time                `json:"lastUpdate"`
}

// Status aggregates the providers' decisions as RcsTemplateApiStatus
// describes: all agree → that status; some approved → APPROVED_IN_PROGRESS
// while others review, else APPROVED_PARTIALLY; none approved → PENDING
// while any reviews, else REJECTED (or SUSPENDED when all are).
func (t Template) Status() string {
	n := map[string]int{}
	for _, p := range t.Providers {
		n[p.Status]++
	}
	total := len(t.Providers)
	switch {
	case total == 0:
		return Pending
	case n[Approved] == total:
		return Approved
	case n[Suspended] == total:
		return Suspended
	case n[Approved] > 0 && n[Pending] > 0:
		return ApprovedInProgress
	case n[Approved] > 0:
		return ApprovedPartially
	case n[Pending] > 0:
		return Pending
	}
	return Rejected
}

// Usable reports whether at least one provider approved the template.
func (t Template) Usable() bool {
	s := t.Status()
	return s == Approved || s == ApprovedInProgress || s == ApprovedPartially
}

var placeholder = regexp.MustCompile(`\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}`)

// Parameters lists the placeholder names in the template's content, sorted.
func (t Template) Parameters() []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(string(t.Content), -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}

// Registry holds templates. It is safe for concurrent use.
type Registry struct {
	mu sync.RWMutex
	m  map[[3]string]Template
	// OnChange, when set, is called (outside the lock) with the account
	// whose own templates changed: a durable simulator keeps them.
	OnChange func(account string)
}

// Owned returns the templates the account registered or changed itself,
// by sender and name (not the seeded ones it only sees).
func (r *Registry) Owned(account string) []Template {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := []Template{}
	for k, t := range r.m {
		if k[0] == account {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Sender != out[j].Sender {
			return out[i].Sender < out[j].Sender
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func (r *Registry) changed(account string) {
	r.mu.RLock()
	f := r.OnChange
	r.mu.RUnlock()
	if f != nil && account != Any {
		f(account)
	}
}

func key(account, sender, name string) [3]string { return [3]string{account, sender, name} }

// Put stores t, replacing the template of the same account, sender and name.
func (r *Registry) Put(t Template) {
	r.mu.Lock()
	if r.m == nil {
		r.m = map[[3]string]Template{}
	}
	r.m[key(t.Account, t.Sender, t.Name)] = t
	r.mu.Unlock()
	r.changed(t.Account)
}

// Get finds the template a sender of an account sees by that name: its own,
// else a seeded one.
func (r *Registry) Get(account, sender, name string) (Template, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, k := range [][3]string{key(account, sender, name), key(account, Any, name), key(Any, sender, name), key(Any, Any, name)} {
		if t, ok := r.m[k]; ok {
			t.Account, t.Sender = account, sender
			return t, true
		}
	}
	return Template{}, false
}

// Own reports whether the account registered the template itself (seeds are
// not the account's to delete).
func (r *Registry) Own(account, sender, name string) bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	_, ok := r.m[key(account, sender, name)]
	return ok
}

// List returns the templates a sender of an account sees, by name,
// optionally only those with an aggregate status.
func (r *Registry) List(account, sender, status string) []Template {
	r.mu.RLock()
	names := map[string]bool{}
	for k := range r.m {
		if (k[0] == account || k[0] == Any) && (k[1] == sender || k[1] == Any) {
			names[k[2]] = true
		}
	}
	r.mu.RUnlock()
	out := []Template{}
	for n := range names {
		t, _ := r.Get(account, sender, n)
		if status == "" || strings.EqualFold(t.Status(), status) {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Delete removes an account's own template.
func (r *Registry) Delete(account, sender, name string) bool {
	r.mu.Lock()
	k := key(account, sender, name)
	_, ok := r.m[k]
	delete(r.m, k)
	r.mu.Unlock()
	if ok {
		r.changed(account)
	}
	return ok
}

// Update applies f to the account's own copy of a template (copying a seed
// into the account first) and stores the result.
func (r *Registry) Update(account, sender, name string, f func(*Template)) (Template, bool) {
	t, ok := r.Get(account, sender, name)
	if !ok {
		return Template{}, false
	}
	cp := t
	cp.Providers = map[string]ProviderState{}
	for k, v := range t.Providers {
		cp.Providers[k] = v
	}
	f(&cp)
	r.Put(cp)
	return cp, true
}

// Reset removes an account's templates (all but the seeds when empty).
func (r *Registry) Reset(account string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k := range r.m {
		if k[0] != Any && (account == "" || k[0] == account) {
			delete(r.m, k)
		}
	}
}

// Param is one PROVIDER_TEMPLATE parameter.
type Param struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Problem is why a PROVIDER_TEMPLATE send cannot use a template.
type Problem int

// Problems, each with its report error (see the simulator's scrubbing).
const (
	OK Problem = iota
	Unknown
	NotApproved
	WrongParameters
)

// Check tells whether a send may use the template with these parameters:
// it must exist, be approved by a provider, and the parameter names must be
// exactly the template's placeholders. The reason names what is wrong.
func (r *Registry) Check(account, sender, name string, params []Param) (Problem, string) {
	t, ok := r.Get(account, sender, name)
	if !ok {
		return Unknown, "no template " + name + " is registered for sender " + sender
	}
	if !t.Usable() {
		return NotApproved, "template " + name + " is " + t.Status() + ", not approved by any provider"
	}
	want := t.Parameters()
	got := map[string]bool{}
	for _, p := range params {
		got[p.Name] = true
	}
	var missing, extra []string
	for _, w := range want {
		if !got[w] {
			missing = append(missing, w)
		}
		delete(got, w)
	}
	for g := range got {
		extra = append(extra, g)
	}
	sort.Strings(extra)
	if len(missing) > 0 || len(extra) > 0 {
		return WrongParameters, "template " + name + " takes parameters [" + strings.Join(want, ", ") + "]; missing [" +
			strings.Join(missing, ", ") + "], unknown [" + strings.Join(extra, ", ") + "]"
	}
	return OK, ""
}
