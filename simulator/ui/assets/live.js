// live keeps the account's messages, attempts and inbound records fresh and
// tells the views when they change. It listens to the event stream when the
// simulator has one and polls the control plane when it does not (or while
// the stream reconnects).

import { api, connected } from './api.js';
import { openStream } from './stream.js';

const POLL_MS = 1000;      // without a stream
const SAFETY_MS = 15000;   // with a stream: a full refresh now and then

export const state = {
  messages: [],   // oldest first, as /_sim/messages answers
  attempts: [],
  failed: [],
  inbound: [],
  blocked: [],    // opt-outs: {sender, user, since, reason}
  // durations of callback POSTs, from the stream's callback.attempt events
  // (the attempt log does not keep them), by attemptKey.
  durations: new Map(),
  mode: 'offline', // live (stream), polling, offline
  error: '',
  version: 0,
};

const listeners = new Set();
export function subscribe(fn) { listeners.add(fn); return () => listeners.delete(fn); }
function changed() { state.version++; for (const fn of listeners) fn(state); }

let timer = 0;
let stopStream = null;
let inflight = null;
let again = false;

export async function refresh() {
  if (!connected()) return;
  if (inflight) { again = true; return inflight; }
  inflight = (async () => {
    try {
      const [m, a, f, i, b] = await Promise.all([
        api('/_sim/messages'),
        api('/_sim/webhooks/attempts', { accept: [408] }),
        api('/_sim/webhooks/failed'),
        api('/_sim/inbound'),
        api('/_sim/subscribers'),
      ]);
      m.messages = (m.messages || []).map(normalizeMessage);
      const sig = JSON.stringify([m.messages.length, m.messages.map((x) => x.seq + x.status.name + x.reports.length + x.history.length).join(), (a.attempts || []).length, (f.failed || []).length, (i.inbound || []).length, JSON.stringify(b.blocked || [])]);
      state.messages = m.messages || [];
      state.attempts = a.attempts || [];
      state.failed = f.failed || [];
      state.inbound = i.inbound || [];
      state.blocked = b.blocked || [];
      const hadError = state.error !== '';
      state.error = '';
      if (sig !== lastSig || hadError) { lastSig = sig; changed(); }
    } catch (err) {
      state.error = err.message;
      changed();
    } finally {
      inflight = null;
      if (again) { again = false; refresh(); }
    }
  })();
  return inflight;
}
let lastSig = '';

// normalizeMessage gives a message's lists their empty value: a message that
// has not moved yet may carry null for them.
export function normalizeMessage(m) {
  m.history = m.history || [];
  m.reports = m.reports || [];
  m.warnings = m.warnings || [];
  m.links = m.links || [];
  m.status = m.status || {};
  m.error = m.error || {};
  return m;
}

function setMode(mode) {
  if (state.mode === mode) return;
  state.mode = mode;
  const el = document.getElementById('live');
  if (el) {
    el.textContent = mode === 'live' ? 'live' : mode === 'polling' ? 'polling' : 'offline';
    el.dataset.mode = mode;
  }
  changed();
}

function schedule(ms) {
  clearInterval(timer);
  timer = setInterval(refresh, ms);
}

export function attemptKey(url, attempt, ids) { return `${url}|${attempt}|${(ids || []).join(',')}`; }

let debounce = 0;
function onEvent(type, ev) {
  if (type === 'callback.attempt' && ev && ev.data) {
    const d = ev.data;
    state.durations.set(attemptKey(d.url, d.attempt, d.messageIds), d.durationMs);
  }
  clearTimeout(debounce);
  debounce = setTimeout(refresh, 100);
}

// start (re)starts the live updates for the current connection.
export function start() {
  stop();
  lastSig = '';
  if (!connected()) { setMode('offline'); return; }
  refresh();
  setMode('polling');
  schedule(POLL_MS);
  stopStream = openStream(onEvent, (s) => {
    if (s === 'live') { setMode('live'); schedule(SAFETY_MS); refresh(); }
    else { setMode('polling'); schedule(POLL_MS); }
  });
}

export function stop() {
  clearInterval(timer);
  if (stopStream) stopStream();
  stopStream = null;
}
