// Package simulator is a local, in-process stand-in for JioCX's messaging API
// (Infobip's platform): the RCS and SMS send endpoints, authentication, and
// a control plane under /_sim/ to steer and observe it.
//
// A *Server is an http.Handler. Serve it with net/http, httptest, or the
// jiocxsim binary; two servers in one process never share state.
package simulator
