package simulator

import (
	"errors"
	"net/http"
	"sort"

	"github.com/jiocxsim/jiocxsim/simulator/internal/dlt"
	"github.com/jiocxsim/jiocxsim/simulator/internal/inbound"
	"github.com/jiocxsim/jiocxsim/simulator/internal/senders"
	"github.com/jiocxsim/jiocxsim/simulator/internal/templates"
)

// Setup is an account's set-up: what a team configures once and wants back
// after a restart or in another simulator (GET /_sim/export, POST
// /_sim/import). Messages and their reports are not part of it.
type Setup struct {
	Account        string           `json:"account"`
	Settings       AccountSettings  `json:"settings"`
	Profiles       []Profile        `json:"profiles"`
	InboundConfigs []inbound.Config `json:"inboundConfigurations"`
	Blocks         []inbound.Block  `json:"blocks"`
	DLT            dlt.Registry     `json:"dltRegistry"`
	DLTMode        string           `json:"dltMode"`
	Domains        map[string]bool  `json:"customDomains"`
	// Senders and Templates are the account's own RCS sender phases and
	// templates (set through the API or the control plane), not the seeds.
	Senders   []senders.Sender     `json:"senders,omitempty"`
	Templates []templates.Template `json:"templates,omitempty"`
}

// Export returns an account's set-up. The account may be named by its id or
// anything else a Go caller names it by (see AccountOf); the set-up shows
// the id.
func (s *Server) Export(account string) Setup {
	account = s.acct(account)
	var own []Profile
	for _, p := range s.plan.Profiles(account) {
		if p.Account == account {
			own = append(own, p)
		}
	}
	return Setup{
		Account: account, Settings: s.settings.get(account), Profiles: own,
		InboundConfigs: s.inboundConfigs.List(account, inbound.Filter{}), Blocks: s.subscribers.List(account),
		DLT: s.dlt.Registry(account), DLTMode: s.dlt.Mode(account), Domains: s.shortener.Domains(account),
		Senders: s.senders.Owned(account), Templates: s.templates.Owned(account),
	}
}

// Import applies a set-up to an account (account overrides Setup.Account),
// adding to what it has: profiles, configurations, blocks and domains are
// set one by one; settings, the DLT registry and mode are replaced.
func (s *Server) Import(account string, st Setup) error {
	if account == "" {
		account = st.Account
	}
	account = s.acct(account)
	if account == "" {
		return errors.New("import needs an account: send its credentials, or name it in the set-up's account")
	}
	if err := st.DLT.Validate(); err != nil {
		return err
	}
	if st.DLTMode != "" && !dlt.ValidMode(st.DLTMode) {
		return errors.New("dltMode must be strict, lenient or off")
	}
	for _, p := range st.Profiles {
		p.Account = account
		if err := p.Validate(); err != nil {
			return err
		}
	}
	s.settings.set(account, st.Settings)
	for _, p := range st.Profiles {
		p.Account = account
		_ = s.plan.Set(p) // validated above
	}
	for _, c := range st.InboundConfigs {
		c.Account = account
		s.inboundConfigs.Put(c)
	}
	for _, b := range st.Blocks {
		b.Account = account
		s.subscribers.Block(b)
	}
	if err := s.dlt.SetRegistry(account, st.DLT); err != nil {
		return err
	}
	if st.DLTMode != "" {
		_ = s.dlt.SetMode(account, st.DLTMode)
	}
	domains := make([]string, 0, len(st.Domains))
	for d := range st.Domains {
		domains = append(domains, d)
	}
	sort.Strings(domains)
	for _, d := range domains {
		s.shortener.SetDomain(account, d, st.Domains[d])
	}
	for _, sd := range st.Senders {
		sd.Account = account
		s.senders.Put(sd)
	}
	for _, t := range st.Templates {
		t.Account = account
		s.templates.Put(t)
	}
	s.setupChanged(account)
	return nil
}

func (s *Server) ctlExport(_ http.ResponseWriter, _ *http.Request, account string) (int, any) {
	if account == "" {
		return http.StatusBadRequest, controlError{Error: "export needs an account: send its credentials or ?account="}
	}
	return http.StatusOK, s.Export(account)
}

func (s *Server) ctlImport(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
	var st Setup
	if err := readJSON(r, &st); err != nil {
		return http.StatusBadRequest, controlError{Error: err.Error()}
	}
	if err := s.Import(account, st); err != nil {
		return http.StatusBadRequest, controlError{Error: err.Error()}
	}
	return http.StatusOK, s.Export(firstNonEmpty(account, st.Account))
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
