package simulator_test

import (
	"net/http"
	"testing"
)

// benchMessagesAPIBody is an RCS text with two buttons, an SMS failover and
// India DLT ids: the Messages API twin of benchRCSv1Body.
var benchMessagesAPIBody = []byte(fzMA(fzMAFailover))

const benchMessagesAPIPath = "/messages-api/1/messages"

func BenchmarkSendMessagesAPI(b *testing.B) {
	benchSerial(b, benchMessagesAPIPath, benchMessagesAPIBody)
}
func BenchmarkSendMessagesAPIParallel(b *testing.B) {
	benchParallel(b, benchMessagesAPIPath, benchMessagesAPIBody)
}

// TestBenchMessagesAPIBodyAccepted keeps the benchmark measuring a 200.
func TestBenchMessagesAPIBodyAccepted(t *testing.T) {
	t.Parallel()
	sim := fzNewSim(t)
	if w := fzPost(sim, benchMessagesAPIPath, benchMessagesAPIBody); w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body.Bytes())
	}
}
