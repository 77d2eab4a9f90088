package simulator

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/internal/webhook"
)

// A callback must never reach the simulator's own listener: a notifyUrl of
// http://127.0.0.1:PORT/_sim/reset would make it wipe every account, and a
// callback to /_sim/clock/advance would wait on the very clock it advances.
// The guard resolves the URL's host and refuses an address:port the server
// listens on (registered with WithListenAddrs / HTTPServer, or learned from
// the local address of requests it served). Other ports of the same host,
// such as a test's sink on 127.0.0.1, are fine.

// checkCallbackURL is the dispatcher's Guard.
func (s *Server) checkCallbackURL(ctx context.Context, u *url.URL) error {
	for _, re := range s.cfg.access.callbackAllow {
		if re.MatchString(u.String()) {
			return nil
		}
	}
	port, err := urlPort(u)
	if err != nil {
		return err
	}
	host := u.Hostname()
	var ips []net.IP
	if ip := net.ParseIP(host); ip != nil {
		ips = []net.IP{ip}
	} else {
		addrs, err := net.DefaultResolver.LookupIPAddr(ctx, host)
		if err != nil {
			return nil // let the POST fail (and retry) as a DNS failure would
		}
		for _, a := range addrs {
			ips = append(ips, a.IP)
		}
	}
	for _, ip := range ips {
		if s.isOwnAddr(ip, port) {
			return errors.New("the URL reaches the simulator's own listener (" + net.JoinHostPort(ip.String(), strconv.Itoa(port)) + "); allow it with --callback-allow if that is really wanted")
		}
	}
	return nil
}

func urlPort(u *url.URL) (int, error) {
	if p := u.Port(); p != "" {
		return strconv.Atoi(p)
	}
	if u.Scheme == "https" {
		return 443, nil
	}
	return 80, nil
}

// isOwnAddr reports whether ip:port is one the server is reached at.
func (s *Server) isOwnAddr(ip net.IP, port int) bool {
	a := &s.access
	a.mu.Lock()
	defer a.mu.Unlock()
	match := func(lip net.IP, lport int) bool {
		if lport != port {
			return false
		}
		if ip.IsUnspecified() || ip.Equal(lip) {
			return true // 0.0.0.0:PORT reaches any local listener on PORT
		}
		if lip == nil || lip.IsUnspecified() {
			if ip.IsLoopback() {
				return true
			}
			for _, l := range a.localIPs {
				if l.Equal(ip) {
					return true
				}
			}
		}
		return false
	}
	for _, l := range a.listeners {
		if match(l.IP, l.Port) {
			return true
		}
	}
	for k := range a.seen {
		h, p, err := net.SplitHostPort(k)
		if err != nil {
			continue
		}
		n, _ := strconv.Atoi(p)
		if match(net.ParseIP(h), n) {
			return true
		}
	}
	return false
}

// callbackClient is the default callback client: its dialer checks the
// address actually dialled as well, so a name that resolves differently the
// second time (DNS rebinding) still cannot reach the listener.
func (s *Server) callbackClient() *http.Client {
	d := &net.Dialer{Timeout: 10 * time.Second, Control: func(_, address string, _ syscall.RawConn) error {
		h, p, err := net.SplitHostPort(address)
		if err != nil {
			return nil
		}
		n, _ := strconv.Atoi(p)
		if ip := net.ParseIP(h); ip != nil && len(s.cfg.access.callbackAllow) == 0 && s.isOwnAddr(ip, n) {
			return errors.New("simulator: a callback may not reach the simulator's own listener " + address)
		}
		return nil
	}}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = d.DialContext
	t.Proxy = nil // a proxy would hide the address dialled
	return &http.Client{Transport: t}
}

// callbackRefused marks the messages of a refused batch with a warning.
func (s *Server) callbackRefused(items []webhook.Item, reason string) {
	for _, it := range items {
		if it.Ref == 0 || strings.HasPrefix(it.Kind, "inbound") {
			continue
		}
		s.store.Update(it.Ref, func(m *store.Message) {
			m.Warnings = append(m.Warnings, "a "+it.Kind+" callback to "+it.URL+" was refused: "+reason)
		})
	}
}

// defaultCallbackLanes is how many lanes each callback URL's queue has.
const defaultCallbackLanes = 64

func callbackLanes(n int) int {
	if n <= 0 {
		return defaultCallbackLanes
	}
	return n
}
