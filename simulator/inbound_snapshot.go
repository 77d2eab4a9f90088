package simulator

// snapshot copies a logged inbound record under the log's lock. The record
// Inbound returns is the one in the log, and the dispatcher marks it
// delivered from another goroutine, so encoding it directly races with that
// write (the web UI's fast local callbacks made the race detector see it).
func (l *inboundLog) snapshot(r *InboundRecord) InboundRecord {
	l.mu.Lock()
	defer l.mu.Unlock()
	return *r
}
