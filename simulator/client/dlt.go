package client

import (
	"context"
	"net/http"
)

// SetDLTRegistry replaces the scoped account's India DLT registry: a JSON
// document {"entities","headers","templates","telemarketers"} as GET
// /_sim/dlt shows it.
func (c *Client) SetDLTRegistry(ctx context.Context, registry any) error {
	return c.do(ctx, http.MethodPut, "/dlt", nil, registry, nil)
}
