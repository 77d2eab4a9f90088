package journal

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// violationsOf reads the violations of an error answer in either envelope.
func violationsOf(body string) []wire.Violation {
	var ans struct {
		Violations   []wire.Violation `json:"violations"`
		RequestError struct {
			ServiceException struct {
				ValidationErrors map[string][]string `json:"validationErrors"`
			} `json:"serviceException"`
		} `json:"requestError"`
	}
	out := []wire.Violation{}
	if json.Unmarshal([]byte(body), &ans) != nil {
		return out
	}
	out = append(out, ans.Violations...)
	props := make([]string, 0, len(ans.RequestError.ServiceException.ValidationErrors))
	for p := range ans.RequestError.ServiceException.ValidationErrors {
		props = append(props, p)
	}
	sort.Strings(props)
	for _, p := range props {
		for _, v := range ans.RequestError.ServiceException.ValidationErrors[p] {
			out = append(out, wire.Violation{Property: p, Violation: v})
		}
	}
	return out
}

// messageIDsOf collects every "messageId" of an answer: the four send APIs
// and the events API each nest them differently. A scan rather than a
// decode keeps the cost down; the simulator writes its answers without
// spaces and its ids need no escapes. The ids are substrings of body.
func messageIDsOf(body string) []string {
	out := []string{}
	const key = `"messageId":"`
	for {
		i := strings.Index(body, key)
		if i < 0 {
			return out
		}
		body = body[i+len(key):]
		end := strings.IndexByte(body, '"')
		if end < 0 {
			return out
		}
		out = append(out, body[:end])
		body = body[end:]
	}
}
