package wire

import "fmt"

// Envelope names the error body family an endpoint answers with.
type Envelope int

const (
	// Legacy is {"requestError":{"serviceException":{...}}}, used by /ott/rcs/1/*,
	// /sms/1/*, /sms/2/* and /auth/1/*.
	Legacy Envelope = iota
	// Modern is {"errorCode","description","action","violations","resources"},
	// used by /rcs/2/*, /rcs/1/events and /sms/3/*.
	Modern
)

// APIException is the legacy error body.
type APIException struct {
	RequestError RequestError `json:"requestError"`
}

// RequestError wraps the service exception.
type RequestError struct {
	ServiceException ServiceException `json:"serviceException"`
}

// ServiceException carries a machine id (BAD_REQUEST, UNAUTHORIZED, ...), a text
// and, for validation failures, the violations keyed by property path.
type ServiceException struct {
	MessageID        string              `json:"messageId"`
	Text             string              `json:"text"`
	ValidationErrors map[string][]string `json:"validationErrors,omitempty"`
}

// APIError is the current error body. All five fields are always present.
type APIError struct {
	ErrorCode   string      `json:"errorCode"`
	Description string      `json:"description"`
	Action      string      `json:"action"`
	Violations  []Violation `json:"violations"`
	Resources   []Resource  `json:"resources"`
}

// Violation names one offending property.
type Violation struct {
	Property  string `json:"property"`
	Violation string `json:"violation"`
}

// Resource points at documentation.
type Resource struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// Problem is an API failure independent of envelope: the HTTP status and the
// violations. Render turns it into the endpoint's own body.
type Problem struct {
	HTTPStatus int
	// Text overrides the default legacy text or modern description when set.
	Text       string
	Violations []Violation
}

type problemDef struct {
	legacyID, legacyText string
	code, description    string
	action               string
	resources            []Resource
}

// problemDefs is read-only: the fixed texts per HTTP status. The modern texts are
// the ones in Infobip's OpenAPI examples.
var problemDefs = map[int]problemDef{
	400: {"BAD_REQUEST", "Bad request", "E400", "Request cannot be processed.", "Check the syntax, violations and adjust the request.", nil},
	401: {"UNAUTHORIZED", "Unauthorized", "E401", "The request lacks valid authentication credentials for the requested resource.", "Check the resources and adjust authentication credentials.",
		[]Resource{{"API Authentication", "https://www.infobip.com/docs/essentials/api-authentication"}}},
	403: {"FORBIDDEN", "Forbidden", "E403", "Insufficient permissions to access the requested resource.", "Repeat the request with new or different credentials.",
		[]Resource{{"API Scopes", "https://www.infobip.com/docs/essentials/api-essentials/api-authorization#api-scopes"}}},
	404: {"NOT_FOUND", "Not found", "E404", "Requested resource not found.", "Check the request URL and method.", nil},
	405: {"METHOD_NOT_ALLOWED", "Method not allowed", "E405", "Request method is not supported for the requested resource.", "Check the request method.", nil},
	413: {"REQUEST_ENTITY_TOO_LARGE", "Request entity too large", "E413", "Request is larger than the maximum request size of 10MB.", "Reduce the size of the request.", nil},
	429: {"TOO_MANY_REQUESTS", "Too many requests", "E429", "Too many requests sent.", "Check request rate limit specified in the API endpoint documentation resource.",
		[]Resource{{"Throttling handling errors", "https://www.infobip.com/docs/essentials/integration-best-practices#throttling-handling-errors"}}},
	500: {"GENERAL_ERROR", "Something went wrong. Please contact support.", "E500", "Something went wrong.", "Contact the support.", nil},
}

// KnownProblem reports whether Render has a body for an HTTP status; others
// are rendered as 500.
func KnownProblem(status int) bool {
	_, ok := problemDefs[status]
	return ok
}

// Render returns the body for p in envelope e.
func (p Problem) Render(e Envelope) any {
	d, ok := problemDefs[p.HTTPStatus]
	if !ok {
		d = problemDefs[500]
	}
	if e == Legacy {
		se := ServiceException{MessageID: d.legacyID, Text: d.legacyText}
		if p.Text != "" {
			se.Text = p.Text
		}
		if len(p.Violations) > 0 {
			se.ValidationErrors = make(map[string][]string, len(p.Violations))
			for _, v := range p.Violations {
				se.ValidationErrors[v.Property] = append(se.ValidationErrors[v.Property], v.Violation)
			}
		}
		return APIException{RequestError: RequestError{ServiceException: se}}
	}
	out := APIError{ErrorCode: d.code, Description: d.description, Action: d.action, Violations: p.Violations, Resources: d.resources}
	if p.Text != "" {
		out.Description = p.Text
	}
	if out.Violations == nil {
		out.Violations = []Violation{}
	}
	if out.Resources == nil {
		out.Resources = []Resource{}
	}
	return out
}

// Error implements error, so handlers can return a *Problem.
func (p *Problem) Error() string {
	msg := problemDefs[p.HTTPStatus].legacyText
	if p.Text != "" {
		msg = p.Text
	}
	for _, v := range p.Violations {
		msg += "; " + v.Property + ": " + v.Violation
	}
	return fmt.Sprintf("%d %s", p.HTTPStatus, msg)
}
