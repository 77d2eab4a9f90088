package steps

import (
	"context"
	"errors"
	"strings"
)

// ContainerPrefix starts a --target that names an image rather than a URL.
const ContainerPrefix = "container:"

// ParseTarget turns the value of `jiocxsim conformance --target` into a
// Target:
//
//	""                 InProcess: a simulator in this process per scenario
//	"container:IMAGE"  Container: IMAGE started through simulator/container
//	anything else      Remote: the base URL of a simulator or a real account
//
// creds carries the rest of the command line (API key, Basic login, control
// token, real account); a Remote gets them and is probed, so ParseTarget
// fails when the URL does not answer. A container target takes the API key
// and the control token; a Basic login or a real account make no sense
// there and are refused.
func ParseTarget(ctx context.Context, spec string, creds Remote) (Target, error) {
	switch {
	case spec == "":
		return InProcess{}, nil
	case strings.HasPrefix(spec, ContainerPrefix):
		img := strings.TrimPrefix(spec, ContainerPrefix)
		if img == "" {
			return nil, errors.New("--target container: names no image (container:IMAGE)")
		}
		if creds.RealAccount || creds.Username != "" || creds.Password != "" {
			return nil, errors.New("--target container:IMAGE runs the simulator: --real-account, --username and --password do not apply")
		}
		return &Container{Image: img, APIKey: creds.APIKey, ControlToken: creds.ControlToken}, nil
	}
	r := creds
	r.URL = spec
	if err := r.Probe(ctx); err != nil {
		return nil, err
	}
	return &r, nil
}
