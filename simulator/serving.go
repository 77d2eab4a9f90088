package simulator

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/clock"
)

// apiConcurrency bounds the API handlers (sends, logs, reports) running at
// once. Under a flood of sends, hundreds of runnable handlers would each get
// a share of the CPU and a click or a /readyz would wait its turn behind
// them all; parked on this semaphore they cost nothing, and the short-link,
// control and health handlers, which do not take a slot, answer promptly.
const apiConcurrency = 8

// Connection lanes: up to maxConnections connections are served normally;
// beyond that a small spare lane with tight timeouts keeps /readyz and the
// control plane answering under a flood (a hostile connection there is cut
// within seconds), and beyond both a connection is closed at once, so a
// flood can exhaust neither file descriptors nor memory.
const (
	defaultMaxConnections = 2048
	spareConnections      = 128
)

// Timeouts of the normal lane. The whole request, body included, must
// arrive within readTimeout (10 MB at 100 KB/s); writeTimeout leaves room
// for the longest long-poll.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 2 * time.Minute
	writeTimeout      = maxWaitTimeout + 30*time.Second
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10
)

// HTTPServers returns the hardened servers for a listener: the normal lane
// and the spare lane, with the listeners each must Serve. Run uses them;
// an embedder serving the simulator itself may too.
func (s *Server) HTTPServers(ln net.Listener) (main, spare *http.Server, mainLn, spareLn net.Listener, err error) {
	if err := s.NoteListener(ln.Addr()); err != nil {
		return nil, nil, nil, nil, err
	}
	max := s.cfg.access.maxConnections
	if max <= 0 {
		max = defaultMaxConnections
	}
	l := newLanes(ln, max, spareConnections)
	main = &http.Server{Handler: s, ReadHeaderTimeout: readHeaderTimeout, ReadTimeout: readTimeout,
		WriteTimeout: writeTimeout, IdleTimeout: idleTimeout, MaxHeaderBytes: maxHeaderBytes}
	spare = &http.Server{Handler: s, ReadHeaderTimeout: 2 * time.Second, ReadTimeout: 5 * time.Second,
		WriteTimeout: 10 * time.Second, IdleTimeout: time.Second, MaxHeaderBytes: 16 << 10}
	main.SetKeepAlivesEnabled(true)
	spare.SetKeepAlivesEnabled(false)
	return main, spare, l.lane(0), l.lane(1), nil
}

// ShutdownReport says what a shutdown left undone.
type ShutdownReport struct {
	// Callbacks still queued or waiting for a retry when the grace ended.
	Callbacks int
	// LifecycleSteps still scheduled (a status change or report to come).
	LifecycleSteps int
	// RefusedConnections counts connections closed at once because both
	// lanes were full.
	RefusedConnections int64
}

// Run serves ln until ctx ends, then shuts down within grace: it stops
// accepting, answers long-polls at once, lets requests in flight finish,
// waits for the callbacks and lifecycle steps due within the grace, and
// logs one line with exactly what was left undone.
func (s *Server) Run(ctx context.Context, ln net.Listener, grace time.Duration) (ShutdownReport, error) {
	main, spare, mainLn, spareLn, err := s.HTTPServers(ln)
	if err != nil {
		return ShutdownReport{}, err
	}
	errc := make(chan error, 2)
	go func() { errc <- main.Serve(mainLn) }()
	go func() { errc <- spare.Serve(spareLn) }()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			_ = s.Close(context.Background())
			return ShutdownReport{}, err
		}
	case <-ctx.Done():
	}
	return s.shutdown(grace, main, spare, mainLn.(*laneListener).lanes), nil
}

func (s *Server) shutdown(grace time.Duration, main, spare *http.Server, l *lanes) ShutdownReport {
	s.log.Info("shutting down", "grace", grace.String(), "callbacksQueued", s.dispatcher.Pending(), "lifecycleSteps", s.engine.Pending())
	gctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	s.stopping() // long-polls answer now
	var wg sync.WaitGroup
	for _, srv := range []*http.Server{main, spare} {
		wg.Add(1)
		go func() { defer wg.Done(); _ = srv.Shutdown(gctx) }()
	}
	wg.Wait()
	s.drain(gctx)
	rep := ShutdownReport{Callbacks: s.dispatcher.Pending(), LifecycleSteps: s.engine.Pending(), RefusedConnections: l.refused.Load()}
	closeCtx, cancelClose := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancelClose()
	_ = s.Close(closeCtx)
	s.log.Info("shutdown complete: left undone", "callbacks", rep.Callbacks, "lifecycleSteps", rep.LifecycleSteps, "refusedConnections", rep.RefusedConnections)
	return rep
}

// drain waits until no callback is pending and no lifecycle step is
// scheduled, or ctx ends. On a fake clock time stands still, so only the
// callbacks already due are waited for.
func (s *Server) drain(ctx context.Context) {
	if _, fake := s.clock.(*clock.Fake); fake {
		_ = s.dispatcher.WaitIdle(ctx)
		return
	}
	for s.dispatcher.Pending() > 0 || s.engine.Pending() > 0 {
		tick := make(chan struct{})
		t := s.clock.AfterFunc(20*time.Millisecond, func() { close(tick) })
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-tick:
		}
	}
}

// NoteListener tells the server an address it is served on (HTTPServers
// does it): callbacks are kept away from it, and a non-loopback one without
// a configured token gets a generated control token. Call it before
// printing ControlBanner.
func (s *Server) NoteListener(addr net.Addr) error {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return nil
	}
	s.access.mu.Lock()
	for _, l := range s.access.listeners {
		if l.IP.Equal(tcp.IP) && l.Port == tcp.Port {
			s.access.mu.Unlock()
			return nil
		}
	}
	s.access.mu.Unlock()
	return s.noteListener(tcp)
}

// lanes splits one listener's connections into a normal and a spare lane.
type lanes struct {
	ln      net.Listener
	ch      [2]chan net.Conn
	sem     [2]chan struct{}
	done    chan struct{}
	err     error
	refused atomic.Int64
	once    sync.Once
}

func newLanes(ln net.Listener, main, spare int) *lanes {
	l := &lanes{ln: ln, done: make(chan struct{})}
	for i, n := range []int{main, spare} {
		l.ch[i] = make(chan net.Conn)
		l.sem[i] = make(chan struct{}, n)
	}
	go l.accept()
	return l
}

func (l *lanes) accept() {
	for {
		c, err := l.ln.Accept()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			l.err = err
			close(l.done)
			return
		}
		l.dispatch(c)
	}
}

func (l *lanes) dispatch(c net.Conn) {
	for i := range l.sem {
		select {
		case l.sem[i] <- struct{}{}:
			lc := &laneConn{Conn: c, release: func() { <-l.sem[i] }}
			select {
			case l.ch[i] <- lc:
			case <-l.done:
				_ = lc.Close()
			}
			return
		default:
		}
	}
	l.refused.Add(1)
	_ = c.Close()
}

func (l *lanes) lane(i int) net.Listener { return &laneListener{lanes: l, i: i} }

type laneListener struct {
	*lanes
	i int
}

func (ll *laneListener) Accept() (net.Conn, error) {
	select {
	case c := <-ll.ch[ll.i]:
		return c, nil
	case <-ll.done:
		return nil, ll.err
	}
}

func (ll *laneListener) Close() error {
	var err error
	ll.once.Do(func() { err = ll.ln.Close() })
	return err
}

func (ll *laneListener) Addr() net.Addr { return ll.ln.Addr() }

// laneConn gives its lane slot back when closed.
type laneConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *laneConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// stopping answers every long-poll now and makes new ones answer at once.
func (s *Server) stopping() { s.access.stopCancel() }

// pollContext is a long-poll's context: it ends at the timeout, when the
// client goes, or when the server starts shutting down.
func (s *Server) pollContext(r *http.Request, timeout time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	stop := context.AfterFunc(s.access.stopCtx, cancel)
	return ctx, func() { stop(); cancel() }
}

// shuttingDown reports whether shutdown has begun.
func (s *Server) shuttingDown() bool { return s.access.stopCtx.Err() != nil }
