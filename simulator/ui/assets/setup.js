// The Set-up view: the account's report and inbound URLs, number profiles,
// DLT registry and mode, custom domains, fault injection, the fake clock,
// reset; the request journal and the RCS senders and templates when this
// build has those endpoints.

import { api, available, conn } from './api.js';
import { h, clear, pretty, time, toast } from './dom.js';
import { refresh } from './live.js';

let root;

export function renderSetup(main) {
  clear(main);
  root = h('div', { class: 'setup' });
  main.append(h('h1', {}, 'Set-up'), root);
  draw();
}

function section(title, id, ...body) {
  return h('section', { class: 'panel', id, 'aria-labelledby': id + '-h' }, h('h2', { id: id + '-h' }, title), ...body);
}

function input(id, label, attrs) {
  const el = h('input', { id, ...attrs });
  return [h('label', { for: id }, label), el];
}

async function act(fn, ok) {
  try { const r = await fn(); toast(ok || 'Saved'); await draw(); refresh(); return r; } catch (err) { toast(err.message, true); }
}

const val = (id) => document.getElementById(id).value.trim();

async function draw() {
  const get = (p, q) => api(p, { query: q }).catch((err) => ({ error: err.message }));
  const [settings, numbers, dlt, domains, faults, clk, blocked] = await Promise.all([
    get('/_sim/settings'), get('/_sim/numbers'), get('/_sim/dlt'), get('/_sim/tracking/domains'), get('/_sim/faults'), get('/_sim/clock'), get('/_sim/subscribers')]);
  const [journal, senders] = await Promise.all([available('/_sim/requests', { query: { limit: 50 } }), conn.key ? available('/rcs/1/senders') : null]);
  clear(root).append(
    section('Where reports go', 'reports',
      h('form', { class: 'grid', onsubmit: (e) => { e.preventDefault(); act(() => api('/_sim/settings', { method: 'PUT', body: { deliveryReportUrl: val('dr-url'), seenReportUrl: val('seen-url') } })); } },
        input('dr-url', 'Delivery report URL', { type: 'url', value: settings.deliveryReportUrl || '', placeholder: 'http://127.0.0.1:9090/dlr' }),
        input('seen-url', 'Seen report URL', { type: 'url', value: settings.seenReportUrl || '', placeholder: 'http://127.0.0.1:9090/seen' }),
        h('button', { type: 'submit' }, 'Save')),
      settings.error ? h('p', { class: 'error' }, settings.error) : null),
    section('Inbound forwarding', 'inbound',
      h('p', { class: 'muted' }, 'Where users\' replies and suggestion taps to an agent go (PUT /_sim/inbound/config).'),
      h('form', { class: 'grid', onsubmit: (e) => { e.preventDefault(); act(() => api('/_sim/inbound/config', { method: 'PUT', body: { channel: 'RCS', resource: val('in-agent'), url: val('in-url'), format: val('in-format') } })); } },
        input('in-agent', 'Agent (sender)', { value: 'DemoAgent', required: true }),
        input('in-url', 'URL', { type: 'url', required: true, placeholder: 'http://127.0.0.1:9090/mo' }),
        h('label', { for: 'in-format' }, 'Format'), h('select', { id: 'in-format' }, ['MO_OTT_MSISDN', 'MO_RCS_JSON'].map((f) => h('option', { value: f }, f))),
        h('button', { type: 'submit' }, 'Forward'))),
    section('Number profiles', 'profiles',
      h('p', { class: 'muted' }, `Reserved range ${numbers.reservedRange || '919999RSNNNN'}; a profile overrides R and S for a number or a prefix.`),
      h('ul', {}, (numbers.profiles || []).map((p) => h('li', {}, `${p.number || p.prefix + '…'}: R=${p.rcs}, S=${p.sms}`))),
      h('form', { class: 'grid', onsubmit: (e) => { e.preventDefault(); const n = val('pf-number'); const body = { rcs: Number(val('pf-r')), sms: Number(val('pf-s')) }; body[document.getElementById('pf-kind').value] = n; act(() => api('/_sim/numbers/profiles', { method: 'PUT', body })); } },
        h('label', { for: 'pf-kind' }, 'Match'), h('select', { id: 'pf-kind' }, h('option', { value: 'number' }, 'exact number'), h('option', { value: 'prefix' }, 'prefix')),
        input('pf-number', 'Number or prefix', { required: true, inputmode: 'tel' }),
        input('pf-r', 'R (RCS leg, 0-9)', { type: 'number', min: 0, max: 9, value: 0 }),
        input('pf-s', 'S (SMS leg, 0-9)', { type: 'number', min: 0, max: 9, value: 0 }),
        h('button', { type: 'submit' }, 'Set profile')),
      h('button', { type: 'button', onclick: () => act(() => api('/_sim/numbers/profiles', { method: 'DELETE' }), 'Profiles cleared') }, 'Clear profiles')),
    section('India DLT', 'dlt',
      h('form', { class: 'grid', onsubmit: (e) => { e.preventDefault(); act(() => api('/_sim/dlt/mode', { method: 'PUT', body: { mode: val('dlt-mode') } })); } },
        h('label', { for: 'dlt-mode' }, 'Scrubbing mode'),
        h('select', { id: 'dlt-mode' }, ['strict', 'lenient', 'off'].map((m) => h('option', { value: m, selected: dlt.mode === m }, m))),
        h('button', { type: 'submit' }, 'Set mode')),
      h('form', { onsubmit: (e) => { e.preventDefault(); act(() => api('/_sim/dlt', { method: 'PUT', body: document.getElementById('dlt-reg').value })); } },
        h('label', { for: 'dlt-reg' }, 'Registry (JSON: entities, headers, templates, telemarketers)'),
        h('textarea', { id: 'dlt-reg', rows: 10, spellcheck: 'false' }, pretty(dlt.registry)),
        h('button', { type: 'submit' }, 'Replace registry'))),
    section('Custom short domains', 'domains',
      h('ul', {}, Object.entries(domains.domains || {}).map(([d, ok]) => h('li', {}, `${d}: ${ok ? 'verified' : 'not verified'}`))),
      h('form', { class: 'grid', onsubmit: (e) => { e.preventDefault(); act(() => api('/_sim/tracking/domains', { method: 'PUT', body: { domain: val('dom'), verified: document.getElementById('dom-ok').checked } })); } },
        input('dom', 'Domain', { required: true, placeholder: 'go.brand.in' }),
        h('label', { for: 'dom-ok' }, 'Verified'), h('input', { id: 'dom-ok', type: 'checkbox', checked: true }),
        h('button', { type: 'submit' }, 'Register'))),
    section('Fault injection', 'faults',
      h('p', { class: 'muted' }, 'The next N requests to a path answer 429 or 500.'),
      h('ul', {}, (faults.faults || []).map((f) => h('li', {}, `${f.method || 'any method'} ${f.path}: ${f.status} × ${f.count}`))),
      h('form', { class: 'grid', onsubmit: (e) => { e.preventDefault(); act(() => api('/_sim/faults', { method: 'PUT', body: { path: val('ft-path'), status: Number(val('ft-status')), count: Number(val('ft-count')), method: val('ft-method') } })); } },
        input('ft-path', 'Path', { required: true, value: '/rcs/2/messages' }),
        h('label', { for: 'ft-status' }, 'Answer'), h('select', { id: 'ft-status' }, h('option', { value: 429 }, '429 Too Many Requests'), h('option', { value: 500 }, '500 Internal Server Error')),
        input('ft-count', 'Count', { type: 'number', min: 1, value: 1 }),
        input('ft-method', 'Method (empty: any)', { placeholder: 'POST' }),
        h('button', { type: 'submit' }, 'Inject'))),
    section('Clock', 'clock',
      h('p', {}, `Now: ${time(clk.now)} (${clk.fake ? 'fake clock, ' + clk.pendingTimers + ' timer(s) pending' : 'real clock'})`),
      clk.fake ? h('form', { class: 'grid', onsubmit: (e) => { e.preventDefault(); act(() => api('/_sim/clock/advance', { method: 'POST', body: { by: val('adv') } }), 'Clock advanced'); } },
        input('adv', 'Advance by (Go duration)', { required: true, value: '1m', pattern: '[0-9hmsu.µn]+' }),
        h('button', { type: 'submit', id: 'advance' }, 'Advance')) : h('p', { class: 'muted' }, 'Start the simulator with --clock=fake to move time by hand.')),
    section('Opt-outs', 'optouts',
      (blocked.blocked || []).length ? h('ul', {}, blocked.blocked.map((b) => h('li', {}, `${b.user} blocked ${b.sender} (${b.reason || ''}, ${time(b.since)}) `,
        h('button', { type: 'button', onclick: () => act(() => api('/_sim/subscribers', { method: 'DELETE', query: { sender: b.sender, user: b.user } }), 'Unblocked') }, 'Unblock')))) : h('p', { class: 'muted' }, 'Nobody opted out.')),
    section('Request journal', 'journal', journal ? journalTable(journal.body) : h('p', { class: 'muted' }, 'This build has no request journal (GET /_sim/requests).')),
    section('RCS senders and templates', 'senders', senders ? h('pre', { class: 'json' }, pretty(senders.body)) : h('p', { class: 'muted' }, conn.key ? 'This build has no sender management endpoints (/rcs/1/senders).' : 'Connect with an API key to see senders.')),
    section('Reset', 'reset',
      h('p', {}, 'Forget everything this account did: messages, reports, settings, profiles, queued callbacks, opt-outs, DLT and tracking state.'),
      h('button', { type: 'button', class: 'danger', id: 'reset-btn', onclick: () => { if (confirm('Reset this account?')) act(() => api('/_sim/reset', { method: 'POST', body: {} }), 'Account reset'); } }, 'Reset account')),
  );
}

function journalTable(body) {
  const reqs = (body && body.requests) || [];
  if (!reqs.length) return h('p', { class: 'muted' }, 'No request yet.');
  return h('div', {},
    body.dropped ? h('p', { class: 'muted' }, `${body.dropped} older requests dropped`) : null,
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['At', 'Request', 'Status', 'Violations'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, reqs.map((r) => h('tr', { class: r.status >= 400 ? 'bad' : 'ok' },
        h('td', { 'data-label': 'At' }, time(r.at)),
        h('td', { 'data-label': 'Request' }, h('details', {}, h('summary', {}, `${r.method} ${r.path}${r.query ? '?' + r.query : ''}`),
          h('pre', { class: 'json' }, pretty(r.requestBody)), h('pre', { class: 'json' }, pretty(r.responseBody)))),
        h('td', { 'data-label': 'Status' }, `${r.status} (${r.durationMs} ms)`),
        h('td', { 'data-label': 'Violations' }, (r.violations || []).map((v) => h('div', {}, h('code', {}, v.property), ' ' + v.violation)))))))));
}
