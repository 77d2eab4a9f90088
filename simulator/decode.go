package simulator

import (
	"encoding/json"
	"reflect"

	"github.com/jiocxsim/jiocxsim/simulator/internal/schema"
)

// fillChecked copies a checked, pruned tree into dst. schema.Filler does it
// without encoding the tree again (the request's one parse is the schema's);
// for the rare tree it cannot copy exactly as encoding/json would, the tree
// is re-encoded and decoded, so that the error names what is wrong word for
// word as before.
func fillChecked(f *schema.Filler, pruned any, dst any) error {
	if err := f.Fill(pruned, dst); err == nil {
		return nil
	}
	return decodeByReencoding(pruned, dst)
}

// decodeByReencoding is the general way from a checked tree to dst: encode
// the tree and decode it with encoding/json into a fresh value.
func decodeByReencoding(pruned any, dst any) error {
	clean, err := json.Marshal(pruned)
	if err != nil {
		return err
	}
	reflect.ValueOf(dst).Elem().SetZero() // Fill may have set part of it
	if err := json.Unmarshal(clean, dst); err != nil {
		// The schema accepted what the struct cannot hold: a schema bug, but
		// still the client's request that cannot be processed.
		return badRequest("body", err.Error())
	}
	return nil
}
