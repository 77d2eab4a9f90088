package client

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// RequestEntry is one journaled API request.
type RequestEntry = wire.RequestEntry

// RequestJournal is the answer of Requests.
type RequestJournal = wire.RequestJournal

// StreamEvent is one event of the event stream.
type StreamEvent = wire.StreamEvent

// RequestQuery filters the request journal; empty fields match everything.
type RequestQuery struct {
	Status string // "400" or a class: "4xx"
	Path   string // a path prefix
	Method string
	Limit  int
}

// Requests lists the account's journaled API requests, newest first.
func (c *Client) Requests(ctx context.Context, rq RequestQuery) (RequestJournal, error) {
	q := url.Values{}
	if rq.Status != "" {
		q.Set("status", rq.Status)
	}
	if rq.Path != "" {
		q.Set("path", rq.Path)
	}
	if rq.Method != "" {
		q.Set("method", rq.Method)
	}
	if rq.Limit > 0 {
		q.Set("limit", strconv.Itoa(rq.Limit))
	}
	var out RequestJournal
	err := c.do(ctx, http.MethodGet, "/requests", q, nil, &out)
	return out, err
}

// Stream subscribes to the account's event stream. Events after lastID
// (0: only new ones) arrive on the returned channel, which is closed when
// ctx ends or the stream does; the error function then says why (nil after
// a cancelled ctx). Reconnecting with the last Seq seen resumes the stream.
func (c *Client) Stream(ctx context.Context, lastID uint64) (<-chan StreamEvent, func() error, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/_sim/events/stream", nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Accept", "text/event-stream")
	if lastID > 0 {
		req.Header.Set("Last-Event-ID", strconv.FormatUint(lastID, 10))
	}
	if c.authorization != "" {
		req.Header.Set("Authorization", c.authorization)
	}
	if c.token != "" {
		req.Header.Set(TokenHeader, c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, nil, err
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		var e struct {
			Error string `json:"error"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&e)
		return nil, nil, &Error{Status: resp.StatusCode, Text: e.Error}
	}
	out := make(chan StreamEvent, 64)
	var streamErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(out)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), 8<<20)
		var data strings.Builder
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if data.Len() == 0 {
					continue
				}
				var e StreamEvent
				if err := json.Unmarshal([]byte(data.String()), &e); err != nil {
					streamErr = fmt.Errorf("event stream: bad event: %w", err)
					return
				}
				data.Reset()
				select {
				case out <- e:
				case <-ctx.Done():
					return
				}
			case strings.HasPrefix(line, "data:"):
				data.WriteString(strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " "))
			}
		}
		if ctx.Err() == nil {
			streamErr = sc.Err()
		}
	}()
	return out, func() error { <-done; return streamErr }, nil
}
