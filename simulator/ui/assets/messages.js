// The Messages view: every message of the account, live, filterable; and a
// message's timeline from acceptance to its final status.

import { api } from './api.js';
import { h, clear, put, time, since, pretty, badge, errorText, toast, statusClass } from './dom.js';
import { state, refresh, attemptKey, normalizeMessage } from './live.js';

const filters = { number: '', agent: '', status: '', api: '', from: '', to: '' };

function summary(m) {
  if (m.contentType === 'CARD') {
    try { return 'Card: ' + (m.content.content.title || m.content.content.description || ''); } catch { return 'Card'; }
  }
  if (m.contentType === 'CAROUSEL') return `Carousel of ${(m.content && m.content.contents || []).length} cards`;
  if (m.contentType === 'FILE') return 'File ' + ((m.content && m.content.file && m.content.file.url) || '');
  return m.text || m.contentType;
}

function matches(m) {
  const num = filters.number.replace(/^\+/, '').trim();
  if (num && !m.destination.includes(num)) return false;
  const ag = filters.agent.trim().toLowerCase();
  if (ag && !(m.sender || '').toLowerCase().includes(ag) && !((m.smsFailover && m.smsFailover.sender) || '').toLowerCase().includes(ag)) return false;
  if (filters.status && m.status.groupName !== filters.status && m.status.name !== filters.status) return false;
  if (filters.api && m.api !== filters.api) return false;
  const at = new Date(m.acceptedAt);
  if (filters.from && at < new Date(filters.from + 'Z')) return false;
  if (filters.to && at > new Date(filters.to + 'Z')) return false;
  return true;
}

function field(label, key, input) {
  input.id = 'f-' + key;
  input.value = filters[key];
  input.addEventListener('input', () => { filters[key] = input.value; drawRows(); });
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input);
}

let rowsEl = null;
let countEl = null;

export function renderList(main) {
  clear(main);
  const statuses = ['', 'PENDING', 'DELIVERED', 'UNDELIVERABLE', 'EXPIRED', 'REJECTED'];
  const apis = ['', 'rcs/1', 'rcs/2', 'sms/2', 'sms/3'];
  const sel = (opts) => h('select', {}, opts.map((o) => h('option', { value: o }, o || 'any')));
  main.append(
    h('h1', {}, 'Messages'),
    h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter messages', onsubmit: (e) => e.preventDefault() },
      field('Number', 'number', h('input', { type: 'search', inputmode: 'tel', placeholder: '919999…' })),
      field('Agent or sender', 'agent', h('input', { type: 'search', placeholder: 'DemoAgent' })),
      field('Status', 'status', sel(statuses)),
      field('API', 'api', sel(apis)),
      field('From (UTC)', 'from', h('input', { type: 'datetime-local', step: '1' })),
      field('To (UTC)', 'to', h('input', { type: 'datetime-local', step: '1' }))),
    failedPanel(),
    countEl = h('p', { class: 'muted', 'aria-live': 'polite' }),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'messages', id: 'messages' },
        h('caption', { class: 'sr-only' }, 'Messages, newest first'),
        h('thead', {}, h('tr', {}, ['Accepted', 'To', 'From', 'API', 'Channel', 'Content', 'Status'].map((t) => h('th', { scope: 'col' }, t)))),
        rowsEl = h('tbody'))));
  drawRows();
}

function failedPanel() {
  const el = h('section', { class: 'failed', id: 'failed', 'aria-label': 'Failed callback batches' });
  drawFailed(el);
  return el;
}

function drawFailed(el) {
  el = el || document.getElementById('failed');
  if (!el) return;
  clear(el);
  if (!state.failed.length) { el.hidden = true; return; }
  el.hidden = false;
  el.append(
    h('h2', {}, `${state.failed.length} failed callback batch${state.failed.length > 1 ? 'es' : ''}`),
    h('ul', {}, state.failed.map((f) => h('li', {},
      h('code', {}, f.url || '(no URL)'), ` ${f.kind}, ${f.items.length} result(s), ${f.attempts} attempt(s), last ${time(f.lastAt)} `,
      redeliverOne(f),
      f.reason ? h('div', { class: 'warn' }, f.reason) : null))),
    h('button', { type: 'button', class: 'primary', id: 'redeliver', onclick: () => redeliver() }, 'Redeliver all failed batches'));
}

// redeliverOne is the button that sends one failed batch again; a batch
// with no URL has nowhere to go, so it gets none.
function redeliverOne(f) {
  if (!f.url) return null;
  return h('button', { type: 'button', class: 'redeliver-one', dataset: { id: f.id }, 'aria-label': `Redeliver batch ${f.id} to ${f.url}`, onclick: () => redeliver(f.id) }, 'Redeliver');
}

// redeliver queues the failed batch id again, or every one when id is unset.
async function redeliver(id) {
  try {
    const r = await api('/_sim/webhooks/redeliver', { method: 'POST', body: id ? { id } : {} });
    toast(`${r.queued} callback(s) queued again`);
    refresh();
  } catch (err) { toast(err.message, true); }
}

function channels(m) {
  return m.finalChannel && m.finalChannel !== m.channel ? `${m.channel} → ${m.finalChannel}` : m.channel;
}

function drawRows() {
  if (!rowsEl || !rowsEl.isConnected) return;
  const list = state.messages.filter(matches).reverse();
  clear(rowsEl);
  countEl.textContent = `${list.length} of ${state.messages.length} messages` + (state.error ? ` (error: ${state.error})` : '');
  for (const m of list) {
    const href = '#/messages/' + encodeURIComponent(m.messageId);
    rowsEl.append(h('tr', { class: 'row ' + statusClass(m.status), dataset: { id: m.messageId } },
      h('td', { 'data-label': 'Accepted' }, time(m.acceptedAt)),
      h('td', { 'data-label': 'To' }, h('a', { href: '#/phone/' + m.destination, title: 'open the phone' }, m.destination)),
      h('td', { 'data-label': 'From' }, m.sender || ''),
      h('td', { 'data-label': 'API' }, m.api),
      h('td', { 'data-label': 'Channel' }, channels(m)),
      h('td', { 'data-label': 'Content', class: 'content' }, h('a', { href }, summary(m)),
        m.warnings && m.warnings.length ? h('span', { class: 'warn-flag', title: m.warnings.join('\n'), 'aria-label': m.warnings.length + ' warnings' }, ' ⚠') : null),
      h('td', { 'data-label': 'Status' }, badge(m.status))));
  }
  if (!list.length) rowsEl.append(h('tr', {}, h('td', { colspan: 7, class: 'empty' }, state.messages.length ? 'No message matches the filters.' : 'No messages yet. Send one through the API.')));
}

export function updateList() { drawRows(); drawFailed(); }

// The timeline of one message.

let detailId = '';
let detailEl = null;

export function renderDetail(main, id) {
  detailId = id;
  clear(main);
  detailEl = h('div', { class: 'detail' });
  main.append(h('p', {}, h('a', { href: '#/messages' }, '← all messages')), detailEl);
  drawDetail();
}

export async function updateDetail() {
  if (detailEl && detailEl.isConnected) drawDetail();
}

async function drawDetail() {
  const id = detailId;
  let m = state.messages.find((x) => x.messageId === id);
  let links = [];
  try {
    if (!m) m = normalizeMessage(await api('/_sim/messages/' + encodeURIComponent(id)));
    const l = await api('/_sim/links', { query: { messageId: id } });
    links = l.links || [];
  } catch (err) {
    clear(detailEl).append(h('p', { class: 'error' }, err.message));
    return;
  }
  if (id !== detailId) return;
  const attempts = state.attempts.filter((a) => (a.messageIds || []).includes(id));
  const failed = state.failed.filter((f) => f.items.some((it) => it.messageId === id));
  const replies = state.inbound.filter((i) => i.pairedMessageId === id);
  const open = new Set([...detailEl.querySelectorAll('details[open]')].map((d) => d.dataset.key));
  put(detailEl,
    h('h1', {}, `Message ${m.messageId}`),
    h('dl', { class: 'facts' },
      fact('To', h('a', { href: '#/phone/' + m.destination }, m.destination)),
      fact('From', m.sender), fact('API', `${m.api} (${m.request ? m.request.method + ' ' + m.request.path : ''})`),
      fact('Content', m.contentType), fact('Status', badge(m.status)),
      m.error && m.error.id ? fact('Error', errorText(m.error)) : null,
      m.callbackData ? fact('callbackData', m.callbackData) : null,
      m.bulkId ? fact('bulkId', m.bulkId) : null,
      fact('Validity', m.validity)),
    m.warnings && m.warnings.length ? h('section', { class: 'warnings', 'aria-label': 'Warnings' },
      h('h2', {}, 'Warnings'), h('ul', {}, m.warnings.map((w) => h('li', {}, w)))) : null,
    h('h2', {}, 'Timeline'),
    timeline(m),
    fallback(m),
    h('h2', {}, `Reports (${m.reports.length})`),
    m.reports.length ? h('ol', { class: 'reports' }, m.reports.map((r) => report(m, r))) : h('p', { class: 'muted' }, 'No report yet.'),
    h('h2', {}, `Callback attempts (${attempts.length})`),
    attempts.length ? attemptsTable(attempts, open) : h('p', { class: 'muted' }, 'No callback attempt about this message.'),
    failed.length ? h('section', { class: 'failed' },
      h('h3', {}, 'Kept as failed (bodies as they would be sent)'),
      failed.map((f) => [f.items.filter((it) => it.messageId === id).map((it) => pre('failed-' + it.seq, `${f.kind} to ${f.url || '(no URL)'}`, it.result, open)), redeliverOne(f)])) : null,
    replies.length ? h('section', {}, h('h2', {}, 'Replies paired with it'),
      h('ul', {}, replies.map((i) => h('li', {}, `${time(i.receivedAt)} ${i.message.type} ${i.message.text || i.message.postbackData || ''} → ${i.route}${i.url ? ' ' + i.url : ''}`)))) : null,
    links.length ? h('section', {}, h('h2', {}, 'Short links'),
      h('ul', {}, links.map((l) => h('li', {}, h('code', {}, l.code), ` → ${l.url}, ${l.clicks || 0} click(s)`)))) : null,
    h('h2', {}, 'The request as sent'),
    m.request ? pre('request', `${m.request.method} ${m.request.path} (host ${m.request.host}, ${time(m.request.receivedAt)})`, m.request.body, open, true) : h('p', {}, 'not kept'),
  );
}

function fact(k, v) { return [h('dt', {}, k), h('dd', {}, v)]; }

function pre(key, title, body, open, startOpen) {
  return h('details', { dataset: { key }, open: startOpen || open.has(key) },
    h('summary', {}, title), h('pre', { class: 'json', tabindex: '0' }, pretty(body)));
}

function timeline(m) {
  return h('ol', { class: 'timeline', 'aria-label': 'timeline' }, m.history.map((e) => h('li', { class: 'step ' + e.channel.toLowerCase() + ' ' + statusClass(e.status) },
    h('span', { class: 'when' }, since(m.acceptedAt, e.at)),
    h('span', { class: 'chan' }, e.channel),
    h('span', { class: 'what' }, e.note || e.status.name),
    h('span', { class: 'st' }, badge(e.status), e.error && e.error.id ? h('span', { class: 'err' }, ' ' + errorText(e.error)) : null))));
}

// fallback explains the SMS leg: its sender and text, the DLT ids and what
// scrubbing made of them.
function fallback(m) {
  const f = m.smsFailover;
  const dlt = (f && f.indiaDlt) || m.indiaDlt;
  if (!f && !dlt) return null;
  const smsSteps = m.history.filter((e) => e.channel === 'SMS');
  const dltError = smsSteps.find((e) => e.error && e.error.id >= 4100 && e.error.id < 4200);
  const dltWarn = (m.warnings || []).find((w) => /DLT/i.test(w));
  let verdict;
  if (!m.destination.startsWith('91')) verdict = 'not an Indian number: no DLT scrubbing';
  else if (dltError) verdict = 'rejected by DLT scrubbing: ' + errorText(dltError.error);
  else if (dltWarn) verdict = 'warning: ' + dltWarn;
  else if (!smsSteps.length) verdict = 'the SMS leg has not started';
  else verdict = dlt ? 'passed DLT scrubbing' : 'no DLT ids';
  return h('section', { class: 'fallback', 'aria-label': 'SMS leg' },
    h('h2', {}, f ? 'SMS fallback' : 'India DLT'),
    h('dl', { class: 'facts' },
      f ? fact('Sender', f.sender) : null,
      f ? fact('Text', f.text) : null,
      f && !smsSteps.length && m.finalChannel !== 'SMS' ? fact('Taken', m.status.groupName === 'PENDING' ? 'not yet' : 'no: the RCS leg ended it') : null,
      dlt ? fact('DLT ids', `PE ${dlt.principalEntityId}${dlt.contentTemplateId ? ', template ' + dlt.contentTemplateId : ''}${dlt.telemarketerId ? ', TM ' + dlt.telemarketerId : ''}`) : null,
      fact('DLT result', h('span', { class: dltError ? 'bad-text' : '' }, verdict))));
}

function report(m, r) {
  return h('li', { class: 'report' },
    h('div', {}, h('strong', {}, r.step), ` ${r.channel} `, badge(r.status), r.error && r.error.id ? ' ' + errorText(r.error) : '', ` at ${since(m.acceptedAt, r.at)}`),
    h('div', { class: 'muted' }, r.route === 'push' ? `pushed to ${r.url}: ${r.delivered ? 'delivered ' + since(m.acceptedAt, r.deliveredAt) : 'not delivered yet'}` :
      r.route === 'pull' ? 'kept for the pull endpoint' + (r.delivered ? ', pulled' : '') : 'not sent anywhere (' + r.route + ')'));
}

function duration(a) {
  const ms = a.durationMs ?? state.durations.get(attemptKey(a.url, a.attempt, a.messageIds));
  return ms === undefined ? '' : ` (${ms} ms)`;
}

// attemptBody is an attempt's POSTed body, collapsed; the log keeps the
// first 4 KB of it.
function attemptBody(a, i, open) {
  if (!a.body) return '';
  return pre(`attempt-${i}-${a.url}-${a.attempt}-${a.at}`, a.bodyTruncated ? 'body (first 4 KB)' : 'body', a.body, open);
}

function attemptsTable(list, open) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'attempts' },
    h('thead', {}, h('tr', {}, ['At', 'URL', 'Kind', '#', 'HTTP', 'Outcome', 'Error', 'Body'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.map((a, i) => h('tr', { class: a.outcome === 'delivered' ? 'ok' : 'bad' },
      h('td', { 'data-label': 'At' }, time(a.at)),
      h('td', { 'data-label': 'URL' }, h('code', {}, a.url)),
      h('td', { 'data-label': 'Kind' }, a.kind),
      h('td', { 'data-label': '#' }, a.attempt),
      h('td', { 'data-label': 'HTTP' }, a.status || '—'),
      h('td', { 'data-label': 'Outcome' }, a.outcome + (a.nextAttemptAt ? ', next ' + time(a.nextAttemptAt) : '') + duration(a)),
      h('td', { 'data-label': 'Error' }, a.error || ''),
      h('td', { 'data-label': 'Body' }, attemptBody(a, i, open)))))));
}
