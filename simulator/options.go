package simulator

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/jiocxsim/jiocxsim/fixtures"
	"github.com/jiocxsim/jiocxsim/simulator/clock"
	"github.com/jiocxsim/jiocxsim/simulator/internal/auth"
	"github.com/jiocxsim/jiocxsim/simulator/internal/dlt"
	"github.com/jiocxsim/jiocxsim/simulator/internal/ids"
	"github.com/jiocxsim/jiocxsim/simulator/internal/inbound"
	"github.com/jiocxsim/jiocxsim/simulator/internal/lifecycle"
	"github.com/jiocxsim/jiocxsim/simulator/internal/numberplan"
	"github.com/jiocxsim/jiocxsim/simulator/internal/webhook"
)

// Option configures a Server.
type Option func(*config) error

type config struct {
	clock             clock.Clock
	logger            *slog.Logger
	seed              uint64
	seedSet           bool
	idMode            ids.Mode
	accounts          []auth.Account
	controlToken      string
	noControl         bool
	noUI              bool // WithUI(false); the UI also needs the control plane
	bulkArray         bool
	maxBody           int64
	httpClient        *http.Client
	profiles          []numberplan.Profile
	delays            lifecycle.Delays
	retry             webhook.Policy
	workers           int
	queueLimit        int
	defaults          AccountSettings
	senderField       SenderField
	keywords          inbound.Keywords
	noRateLimits      bool
	dltRegistry       *dlt.Registry // nil: the sample registry
	dltMode           string
	trackingBase      string
	trackerPatterns   []string
	maxMessages       int
	allowDuplicateIDs bool
	obs               observeConfig
	dataDir           string
	dataWriteBehind   bool
	maxAge            time.Duration
	tokenRandom       io.Reader // nil: crypto/rand
	access            accessOptions
	listenNames       []string // host names of WithListenAddrs, allowed as Host
	publicHosts       []string
}

func defaults() config {
	return config{
		clock:    clock.Real{},
		logger:   slog.New(slog.DiscardHandler),
		maxBody:  10 << 20,
		delays:   lifecycle.DefaultDelays(),
		retry:    webhook.DefaultPolicy(),
		keywords: inbound.DefaultKeywords(),
		dltMode:  dlt.Lenient,
		obs:      observeDefaults(),
	}
}

// WithClock sets the clock every timestamp and delay runs on. Default: the wall clock.
func WithClock(c clock.Clock) Option {
	return func(cfg *config) error {
		if c == nil {
			return errors.New("simulator: WithClock(nil)")
		}
		cfg.clock = c
		return nil
	}
}

// WithLogger sets the logger: one debug line per request, warnings for refused
// credentials. Default: discard.
func WithLogger(l *slog.Logger) Option {
	return func(cfg *config) error {
		if l == nil {
			return errors.New("simulator: WithLogger(nil)")
		}
		cfg.logger = l
		return nil
	}
}

// WithSeed seeds the server's one random source (ids, tokens, keys), so a
// run can be replayed: the same seed and requests give the same ids.
// Default: a seed drawn from crypto/rand when the server is built (see
// Server.Seed), so ids never repeat across starts.
func WithSeed(seed uint64) Option {
	return func(cfg *config) error { cfg.seed, cfg.seedSet = seed, true; return nil }
}

// WithCounterIDs makes message and bulk ids short sequential strings
// (rcs-1, bulk-2, ...) instead of Infobip-shaped ones, for golden files.
func WithCounterIDs() Option {
	return func(cfg *config) error { cfg.idMode = ids.Counter; return nil }
}

// Account is a tenant and the credentials that reach it.
type Account = auth.Account

// User is a Basic / IBSSO login of an account.
type User = auth.User

// WithAccounts switches authentication to a strict list: only the listed API
// keys and users are accepted. Without it (the default) any
// well-formed API key, and any Basic user, is an account of its own.
func WithAccounts(accounts ...Account) Option {
	return func(cfg *config) error {
		for _, a := range accounts {
			if a.Name == "" {
				return errors.New("simulator: an account needs a name")
			}
		}
		cfg.accounts = append(cfg.accounts, accounts...)
		return nil
	}
}

// WithControlToken requires the control plane's callers to send the token in
// the X-Jiocxsim-Token header. Default: the control plane is open.
func WithControlToken(token string) Option {
	return func(cfg *config) error { cfg.controlToken = token; return nil }
}

// WithoutControl removes the /_sim/ control plane from the HTTP surface, so the
// server behaves exactly like the real service (the Go methods still work).
func WithoutControl() Option {
	return func(cfg *config) error { cfg.noControl = true; return nil }
}

// WithBulkResponseArray makes POST /ott/rcs/1/message/bulk answer with a JSON
// array of {messages:[...]} objects, one per message, as two community SDKs
// expect, instead of the OpenAPI document's single object.
func WithBulkResponseArray() Option {
	return func(cfg *config) error { cfg.bulkArray = true; return nil }
}

// WithMaxBodyBytes sets the largest request body accepted. Default: 10 MB,
// Infobip's documented maximum request size.
func WithMaxBodyBytes(n int64) Option {
	return func(cfg *config) error {
		if n <= 0 {
			return errors.New("simulator: WithMaxBodyBytes needs a positive size")
		}
		cfg.maxBody = n
		return nil
	}
}

// WithHTTPClient sets the client callbacks are delivered with.
func WithHTTPClient(c *http.Client) Option {
	return func(cfg *config) error { cfg.httpClient = c; return nil }
}

// Profile overrides the number plan for one number or a prefix.
type Profile = numberplan.Profile

// WithProfiles installs number-plan profiles at start-up (those without an
// Account apply to every account).
func WithProfiles(profiles ...Profile) Option {
	return func(cfg *config) error {
		for _, p := range profiles {
			if err := p.Validate(); err != nil {
				return err
			}
		}
		cfg.profiles = append(cfg.profiles, profiles...)
		return nil
	}
}

// Delays are how long each step of a message's life takes.
type Delays = lifecycle.Delays

// DefaultDelays are 300 ms per leg, 2 s for a slow (S=4) SMS and 1 s to seen.
func DefaultDelays() Delays { return lifecycle.DefaultDelays() }

// WithDelays sets the step delays. Zero delays make every outcome due at once
// (on the fake clock: at the next Advance, even Advance(0)).
func WithDelays(d Delays) Option {
	return func(cfg *config) error {
		if d.RCS < 0 || d.SMS < 0 || d.Slow < 0 || d.Seen < 0 {
			return errors.New("simulator: delays must not be negative")
		}
		cfg.delays = d
		return nil
	}
}

// RetryPolicy is the callback retry policy: retry n (n >= 1) follows failed
// attempt n after Base + Unit*n*n; a batch is kept as failed after MaxAttempts.
type RetryPolicy = webhook.Policy

// DefaultRetryPolicy is Infobip's cycle, 1 min + n^2 min, 20 attempts, 10 s timeout.
func DefaultRetryPolicy() RetryPolicy { return webhook.DefaultPolicy() }

// WithRetryPolicy sets the callback retry policy (for example Base 1s, Unit 0,
// so a local run retries every second).
func WithRetryPolicy(p RetryPolicy) Option {
	return func(cfg *config) error {
		if p.Base < 0 || p.Unit < 0 || p.MaxAttempts < 1 || p.Timeout < 0 {
			return errors.New("simulator: retry policy needs non-negative delays and at least one attempt")
		}
		if p.Timeout == 0 {
			p.Timeout = webhook.DefaultPolicy().Timeout
		}
		cfg.retry = p
		return nil
	}
}

// WithCallbackWorkers sets how many callbacks are delivered concurrently
// (default 8) and the queue length above which a warning is logged
// (default 100,000; nothing waits for room and nothing is dropped).
func WithCallbackWorkers(workers, queueLimit int) Option {
	return func(cfg *config) error {
		if workers < 1 || queueLimit < 1 {
			return errors.New("simulator: callback workers and queue limit must be positive")
		}
		cfg.workers, cfg.queueLimit = workers, queueLimit
		return nil
	}
}

// WithDefaultSettings sets the settings of every account that has not set its
// own over the control plane, for example one delivery-report URL for all.
func WithDefaultSettings(v AccountSettings) Option {
	return func(cfg *config) error { cfg.defaults = v; return nil }
}

// WithOTTSenderField chooses how RCS inbound bodies name the end user:
// SenderFieldSender (default: Infobip's RcsInboundMessage), or, for
// integrations written against the older Viber-style OTT shape,
// SenderFieldFrom or SenderFieldBoth. Only the default matches the schema.
func WithOTTSenderField(f SenderField) Option {
	return func(cfg *config) error {
		switch f {
		case SenderFieldFrom, SenderFieldSender, SenderFieldBoth:
			cfg.senderField = f
			return nil
		}
		return errors.New("simulator: sender field must be from, sender or both")
	}
}

// Keywords are the words that opt a user out of an agent (Stop) and back in (Start).
type Keywords = inbound.Keywords

// DefaultKeywords are STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT to opt out
// and START, UNSTOP, SUBSCRIBE to opt back in.
func DefaultKeywords() Keywords { return inbound.DefaultKeywords() }

// WithKeywords replaces the opt-out and opt-in words (matched against the
// whole message, case-insensitively).
func WithKeywords(k Keywords) Option {
	return func(cfg *config) error {
		if len(k.Stop) == 0 {
			return errors.New("simulator: at least one stop keyword is needed")
		}
		cfg.keywords = k
		return nil
	}
}

// WithoutRateLimits turns off Infobip's published throttles (100 events/s,
// 100 capability queries/s, 120 log reads/min, 10 token requests/s).
func WithoutRateLimits() Option {
	return func(cfg *config) error { cfg.noRateLimits = true; return nil }
}

// SampleDLTRegistry is the registry every account starts with unless WithDLT
// says otherwise (fixtures/dlt.json: principal entity 1101234567890123456,
// headers DEMOSMS and DEMOTX, templates 1107161234567890123-125, ...).
func SampleDLTRegistry() DLTRegistry {
	var r DLTRegistry
	if err := json.Unmarshal(fixtures.DLTSample(), &r); err != nil {
		panic("simulator: the sample DLT registry does not parse: " + err.Error())
	}
	return r
}

// WithDLT sets the DLT registry every account starts with and the default
// scrubbing mode (DLTLenient unless set): DLTStrict fails an Indian SMS
// without DLT ids as operators do, DLTLenient delivers it with a warning
// (ids that are given are always checked), DLTOff checks nothing.
func WithDLT(r DLTRegistry, mode string) Option {
	return func(cfg *config) error {
		if err := r.Validate(); err != nil {
			return err
		}
		if mode == "" {
			mode = dlt.Lenient
		}
		if !dlt.ValidMode(mode) {
			return errors.New("simulator: DLT mode must be strict, lenient or off")
		}
		cfg.dltRegistry, cfg.dltMode = &r, mode
		return nil
	}
}

// WithTrackingBaseURL sets where the simulator's short links point, e.g.
// http://localhost:8080/t. Default: /t on the host a send request came to.
// The simulator serves GET /t/{code} whatever the base says.
func WithTrackingBaseURL(u string) Option {
	return func(cfg *config) error { cfg.trackingBase = u; return nil }
}

// WithTrackerPatterns replaces the regular expressions that recognise links
// of other click trackers (to flag double wrapping). Default: bit.ly,
// tinyurl.com, t.co and CleverTap's wzrk.co / wzrkt.com.
func WithTrackerPatterns(patterns ...string) Option {
	return func(cfg *config) error {
		cfg.trackerPatterns = append([]string{}, patterns...)
		return nil
	}
}

// WithMaxMessages sets how many messages the simulator keeps (default
// 500,000); beyond it the oldest are forgotten, so a long soak does not grow
// without bound.
func WithMaxMessages(n int) Option {
	return func(cfg *config) error {
		if n < 1 {
			return errors.New("simulator: WithMaxMessages needs at least 1")
		}
		cfg.maxMessages = n
		return nil
	}
}

// WithDuplicateMessageIDs lets a client reuse its own messageIds. By default
// a messageId the account already used makes the new message fail with
// REJECTED_DUPLICATE_MESSAGE_ID, as on the real platform.
func WithDuplicateMessageIDs() Option {
	return func(cfg *config) error { cfg.allowDuplicateIDs = true; return nil }
}
