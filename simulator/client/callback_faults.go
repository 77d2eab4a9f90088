package client

import (
	"context"
	"net/http"
)

// CallbackFault changes how the platform delivers the scoped account's
// callbacks: Kind duplicate (the same body again Delay later), delay (held
// for Delay), reorder (the next Count callbacks to a URL arrive newest
// first) or drop (lost after the platform counted it acknowledged).
// Callbacks is delivery (default), inbound, seen or any.
type CallbackFault struct {
	Kind        string  `json:"kind"`
	Callbacks   string  `json:"callbacks,omitempty"`
	URL         string  `json:"url,omitempty"`
	Count       int     `json:"count,omitempty"`
	Delay       string  `json:"delay,omitempty"`
	Probability float64 `json:"probability,omitempty"`
}

// InjectCallbackFault arms a callback fault for the scoped account.
func (c *Client) InjectCallbackFault(ctx context.Context, f CallbackFault) error {
	return c.do(ctx, http.MethodPut, "/callbacks/faults", nil, f, nil)
}
