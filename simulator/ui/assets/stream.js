// The live event stream (GET /_sim/events/stream, text/event-stream) read
// with fetch and a ReadableStream, because EventSource cannot send the
// Authorization or X-Jiocxsim-Token headers the control plane needs.

import { authHeaders, withAccount } from './api.js';

// parseSSE turns chunks of an event stream into events: {id, event, data}.
// It keeps the unfinished tail between calls, so an event split across
// chunks is still read whole.
export function sseParser(onEvent) {
  let buf = '';
  let ev = { id: '', event: 'message', data: [] };
  return (chunk) => {
    buf += chunk;
    let nl;
    while ((nl = buf.search(/\r\n|\r|\n/)) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + (buf[nl] === '\r' && buf[nl + 1] === '\n' ? 2 : 1));
      if (line === '') {
        if (ev.data.length) onEvent({ id: ev.id, event: ev.event, data: ev.data.join('\n') });
        ev = { id: ev.id, event: 'message', data: [] };
        continue;
      }
      if (line.startsWith(':')) continue; // comment: a heartbeat
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') ev.data.push(value);
      else if (field === 'event') ev.event = value;
      else if (field === 'id') ev.id = value;
    }
  };
}

// openStream reads the stream until stopped, reconnecting with
// Last-Event-ID. onState gets 'live', 'reconnecting' or 'unavailable' (the
// endpoint is not in this build: the caller polls instead).
export function openStream(onEvent, onState) {
  const ctl = new AbortController();
  let lastId = '';
  let stopped = false;
  (async () => {
    let delay = 500;
    while (!stopped) {
      try {
        const headers = { ...authHeaders(), Accept: 'text/event-stream' };
        if (lastId) headers['Last-Event-ID'] = lastId;
        const res = await fetch(withAccount('/_sim/events/stream'), { headers, signal: ctl.signal, cache: 'no-store' });
        const type = res.headers.get('Content-Type') || '';
        if (res.status === 404 || res.status === 405 || (res.ok && !type.startsWith('text/event-stream'))) {
          onState('unavailable');
          return;
        }
        if (!res.ok) throw new Error('HTTP ' + res.status);
        onState('live');
        delay = 500;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        const feed = sseParser((e) => {
          if (e.id) lastId = e.id;
          let data = null;
          try { data = JSON.parse(e.data); } catch { return; }
          onEvent(e.event, data);
        });
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          feed(value);
        }
      } catch (err) {
        if (stopped) return;
      }
      if (stopped) return;
      onState('reconnecting');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 10000);
    }
  })();
  return () => { stopped = true; ctl.abort(); };
}
