package simulator

import "net/http"

// Dropped counts what the simulator's bounded logs and queues forgot, so that
// nothing disappears without a trace (GET /_sim/limits).
type Dropped struct {
	// PullQueue: reports waiting to be pulled, oldest dropped beyond the cap.
	PullQueue int `json:"pullQueue"`
	// Events: business-side events (POST /rcs/1/events) forgotten.
	Events int `json:"events"`
	// Inbound: inbound messages forgotten from the log.
	Inbound int `json:"inbound"`
	// Attempts: callback attempts forgotten from the attempt log.
	Attempts int `json:"attempts"`
	// FailedCallbacks: callbacks of failed batches forgotten.
	FailedCallbacks int `json:"failedCallbacks"`
	// UnknownPaths: calls to unknown paths beyond the distinct ones listed.
	UnknownPaths int `json:"unknownPaths"`
	// EvictedMessages: finished messages forgotten beyond WithMaxMessages
	// (one still in its lifecycle is never evicted).
	EvictedMessages int `json:"evictedMessages"`
}

// DroppedCounts returns the counters of every bounded log and queue.
func (s *Server) DroppedCounts() Dropped {
	att, failed := s.dispatcher.Dropped()
	return Dropped{
		PullQueue: s.pull.Dropped(), Events: s.events.droppedCount(), Inbound: s.inboundLog.droppedCount(),
		Attempts: att, FailedCallbacks: failed, UnknownPaths: s.unknownDroppedCount(),
		EvictedMessages: int(s.store.Evicted()),
	}
}

func (s *Server) unknownDroppedCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.unknownDropped
}

func (s *Server) limitsControlRoutes(add func(method, path string, h controlHandler)) {
	add(http.MethodGet, "/limits", func(http.ResponseWriter, *http.Request, string) (int, any) {
		return http.StatusOK, map[string]any{"dropped": s.DroppedCounts()}
	})
}
