package simulator

import (
	"errors"
	"io"
	"net"
	"regexp"
	"strconv"
)

// accessOptions are the options of control-plane access and the callback
// guard.
type accessOptions struct {
	listenAddrs      []*net.TCPAddr
	callbackAllow    []*regexp.Regexp
	callbackUserinfo bool
	maxConnections   int
	callbackLanes    int
}

// WithCallbackLanes splits each callback URL's queue into n lanes by end
// user (default 64). Reports about one user, and so about one message, keep
// their order; a batch waiting
// for a retry holds up only its lane, so one refusal does not stall a
// URL's whole traffic for the retry delay. 1 restores a single ordered queue
// per URL.
func WithCallbackLanes(n int) Option {
	return func(cfg *config) error {
		if n < 1 {
			return errors.New("simulator: WithCallbackLanes needs at least 1")
		}
		cfg.access.callbackLanes = n
		return nil
	}
}

// WithMaxConnections bounds the connections served normally (default
// 2048); beyond it a spare lane of 128 with tight timeouts keeps /readyz
// and the control plane answering, and beyond that connections are closed.
func WithMaxConnections(n int) Option {
	return func(cfg *config) error {
		if n < 1 {
			return errors.New("simulator: WithMaxConnections needs at least 1")
		}
		cfg.access.maxConnections = n
		return nil
	}
}

// WithTokenSource sets where IBSSO, Bearer and generated control tokens come
// from. Default: crypto/rand. Tests inject a fixed reader; only ids come from
// the seed.
func WithTokenSource(r io.Reader) Option {
	return func(cfg *config) error {
		if r == nil {
			return errors.New("simulator: WithTokenSource(nil)")
		}
		cfg.tokenRandom = r
		return nil
	}
}

// WithListenAddrs tells the server where it listens (host:port), for an
// embedder that serves it on its own listener (HTTPServer does this
// itself). Callbacks are kept away from these addresses, their host names
// are accepted as Host, and a non-loopback one without WithControlToken
// gets a generated control token (ControlToken).
func WithListenAddrs(addrs ...string) Option {
	return func(cfg *config) error {
		for _, a := range addrs {
			host, port, err := net.SplitHostPort(a)
			if err != nil {
				return errors.New("simulator: listen address " + strconv.Quote(a) + ": " + err.Error())
			}
			p, err := strconv.Atoi(port)
			if err != nil {
				return errors.New("simulator: listen address " + strconv.Quote(a) + " needs a numeric port")
			}
			ip := net.ParseIP(host)
			if ip == nil && host != "" {
				cfg.listenNames = append(cfg.listenNames, host)
				if host == "localhost" {
					ip = net.IPv4(127, 0, 0, 1)
				}
			}
			cfg.access.listenAddrs = append(cfg.access.listenAddrs, &net.TCPAddr{IP: ip, Port: p})
		}
		return nil
	}
}

// WithPublicHosts adds host names (or host:port) the control plane and UI
// answer to besides IP literals, localhost and the listener's own names: the
// name a team reaches a shared simulator by, such as sim.internal or a
// compose service name. "*" accepts any Host (no DNS-rebinding defence).
func WithPublicHosts(hosts ...string) Option {
	return func(cfg *config) error {
		cfg.publicHosts = append(cfg.publicHosts, hosts...)
		return nil
	}
}

// WithCallbackAllow lets callbacks whose URL matches one of these regular
// expressions reach the simulator's own listener (refused by default, since
// a notifyUrl pointing at /_sim/reset would wipe every account).
func WithCallbackAllow(patterns ...string) Option {
	return func(cfg *config) error {
		for _, p := range patterns {
			re, err := regexp.Compile(p)
			if err != nil {
				return errors.New("simulator: callback allow pattern: " + err.Error())
			}
			cfg.access.callbackAllow = append(cfg.access.callbackAllow, re)
		}
		return nil
	}
}

// WithCallbackUserinfo keeps user:password@ of a callback URL, sent as Basic
// authorization. Default: dropped, so a URL cannot make the simulator present
// credentials it was handed by a client.
func WithCallbackUserinfo() Option {
	return func(cfg *config) error { cfg.access.callbackUserinfo = true; return nil }
}
