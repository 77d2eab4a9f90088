// The Phone view: one number's handset. It shows what the agents sent as the
// phone would (RCS bubbles, cards, carousels, files, the SMS fallback as an
// SMS from the SMS sender, delivered and seen ticks) and lets the tester be
// the user: tap a suggestion, reply, share a location, STOP or START, open a
// short link. Every action is a POST to the control plane, which sends the
// integration what the real platform would.

import { api } from './api.js';
import { h, clear, clock, toast, errorText } from './dom.js';
import { state, refresh } from './live.js';
import { meaning, normalize } from './plan.js';
import { content, linkify } from './rcs.js';

let number = '';
let agent = '';
let decision = null;
let root = null;

export function renderPhone(main, n) {
  number = normalize(n || '');
  agent = '';
  decision = null;
  clear(main);
  const known = [...new Set(state.messages.map((m) => m.destination))];
  const input = h('input', { id: 'phone-number', type: 'tel', inputmode: 'tel', list: 'known-numbers', value: number, placeholder: '919999000001', required: true, autocomplete: 'off' });
  main.append(
    h('h1', {}, 'Phone'),
    h('form', { class: 'pick', onsubmit: (e) => { e.preventDefault(); location.hash = '#/phone/' + normalize(input.value); } },
      h('label', { for: 'phone-number' }, 'Number'), input,
      h('datalist', { id: 'known-numbers' }, known.map((k) => h('option', { value: k }))),
      h('button', { type: 'submit' }, 'Open')),
    root = h('div', { class: 'phone-layout' }));
  if (!number) {
    root.append(h('p', { class: 'muted' }, 'Pick a number: one that received messages, or any number of the plan 919999RSNNNN.'));
    return;
  }
  draw();
  api('/_sim/numbers/' + encodeURIComponent(number)).then((d) => { decision = d; draw(); }).catch((err) => toast(err.message, true));
}

export function updatePhone() { if (root && root.isConnected && number) draw(); }

function agentsOf(msgs) {
  const out = [];
  for (const m of msgs) if (m.channel === 'RCS' && m.sender && !out.includes(m.sender)) out.push(m.sender);
  return out;
}

function smsSenderOf(msgs) {
  for (let i = msgs.length - 1; i >= 0; i--) {
    const m = msgs[i];
    if (m.channel === 'SMS' && m.sender) return m.sender;
    if (m.smsFailover && m.smsFailover.sender) return m.smsFailover.sender;
  }
  return '';
}

function draw() {
  const msgs = state.messages.filter((m) => m.destination === number);
  const agents = agentsOf(msgs);
  if (!agent || !agents.includes(agent)) agent = agents[agents.length - 1] || agent || 'DemoAgent';
  const info = meaning(number, decision && decision.decision);
  const screen = root.querySelector('.screen');
  const keepScroll = screen ? screen.scrollHeight - screen.scrollTop - screen.clientHeight : 0;
  const draft = root.querySelector('#reply');
  const draftValue = draft ? draft.value : '';
  const hadFocus = document.activeElement && document.activeElement.id;
  clear(root);
  root.append(
    h('aside', { class: 'number-info', 'aria-label': 'About this number' },
      h('h2', {}, number),
      info.noRCS ? h('p', { class: 'no-rcs', role: 'note' }, 'This handset has no RCS: agents\' messages reach it only as their SMS fallback.') : null,
      h('p', { class: 'muted' }, info.source),
      state.blocked.filter((b) => normalize(b.user) === number).map((b) =>
        h('p', { class: 'opted-out', role: 'note' }, `The user opted out of ${b.sender} (${b.reason || 'STOP'}): its RCS messages report EC_BLOCKED_USER and fall back where they can.`)),
      h('dl', { class: 'facts' },
        h('dt', {}, `RCS (R=${info.r})`), h('dd', {}, info.rcs),
        h('dt', {}, `SMS (S=${info.s})`), h('dd', {}, info.sms),
        decision ? [h('dt', {}, 'Capability'), h('dd', {}, decision.capability)] : null),
      agents.length > 1 ? h('div', { class: 'field' }, h('label', { for: 'agent' }, 'Conversation with'),
        h('select', { id: 'agent', onchange: (e) => { agent = e.target.value; draw(); } }, agents.map((a) => h('option', { value: a, selected: a === agent }, a)))) : null),
    device(msgs, info, agents.length > 0));
  const sc = root.querySelector('.screen');
  sc.scrollTop = sc.scrollHeight - sc.clientHeight - keepScroll;
  const nd = root.querySelector('#reply');
  nd.value = draftValue;
  if (hadFocus && document.getElementById(hadFocus)) document.getElementById(hadFocus).focus();
}

function device(msgs, info, hasAgent) {
  const thread = msgs.filter((m) => m.channel === 'SMS' || m.sender === agent);
  const smsSender = smsSenderOf(thread);
  const links = new Set(thread.flatMap((m) => m.links || []));
  const opts = { links, onChip: (s) => tap(s), onLink: (code, url) => click(code, url) };
  const items = [];
  for (const m of thread) items.push({ at: m.acceptedAt, el: () => outgoing(m, opts, info) });
  for (const i of state.inbound) {
    if (normalize(i.from) === number && (i.to === agent || i.channel === 'SMS')) items.push({ at: i.receivedAt, el: () => incoming(i) });
  }
  items.sort((a, b) => new Date(a.at) - new Date(b.at));
  const rcs = !info.noRCS;
  // Only SMS so far: the thread is the SMS sender's, and replies go there.
  const smsOnly = !hasAgent && smsSender;
  const title = smsOnly ? smsSender : agent;
  return h('section', { class: 'device', 'aria-label': 'Handset ' + number },
    h('div', { class: 'statusbar', 'aria-hidden': 'true' }, h('span', {}, '9:41'), h('span', {}, rcs ? 'RCS ▮▮▮' : '4G ▮▮▮')),
    h('div', { class: 'appbar' },
      h('span', { class: 'avatar', 'aria-hidden': 'true' }, (title || '?').slice(0, 1)),
      h('div', {}, h('div', { class: 'agent-name' }, title), h('div', { class: 'agent-sub' }, smsOnly ? 'SMS' : rcs ? 'RCS business chat' + (smsSender ? ' · SMS from ' + smsSender : '') : 'SMS' + (smsSender ? ' from ' + smsSender : '')))),
    h('div', { class: 'screen', tabindex: '0', role: 'log', 'aria-label': 'Conversation', 'aria-live': 'polite' },
      items.length ? items.map((x) => x.el()) : h('p', { class: 'muted center' }, 'No messages for this number yet.')),
    composer(smsOnly ? { ...info, noRCS: true } : info, smsSender));
}

function rcsOutcome(m) {
  const rcsSteps = m.history.filter((e) => e.channel === 'RCS');
  const delivered = rcsSteps.find((e) => e.status.groupName === 'DELIVERED');
  const failed = rcsSteps.find((e) => e.error && e.error.id) || (m.channel === 'RCS' && m.status.groupName !== 'PENDING' && m.status.groupName !== 'DELIVERED' && !m.finalChannel ? m : null);
  return { delivered, failed };
}

function seen(m) { return m.reports.some((r) => r.step === 'seen') || m.history.some((e) => /seen/i.test(e.note || '')); }

function ticks(m, channel) {
  const st = m.status.groupName;
  if (m.finalChannel && m.finalChannel !== channel && st !== 'PENDING') return null;
  if (st === 'DELIVERED' && m.status.name === 'DELIVERED_TO_HANDSET') {
    return seen(m) ? h('span', { class: 'ticks seen', title: 'seen' }, '✓✓ Seen') : h('span', { class: 'ticks delivered', title: 'delivered' }, '✓✓ Delivered');
  }
  if (st === 'DELIVERED') return h('span', { class: 'ticks', title: m.status.name }, '✓ ' + m.status.name);
  if (st === 'PENDING') return h('span', { class: 'ticks pending', title: 'sending' }, '✓ Sending');
  return h('span', { class: 'ticks failed' }, '! Not delivered');
}

function outgoing(m, opts, info) {
  const wrap = h('div', { class: 'msg from-agent', dataset: { id: m.messageId, channel: m.channel } });
  if (m.channel === 'SMS') {
    wrap.append(smsBubble(m.sender, m.text, m, opts));
    return wrap;
  }
  const { delivered, failed } = rcsOutcome(m);
  const fellBack = m.history.some((e) => e.channel === 'SMS');
  if (delivered || (!failed && !fellBack && !info.noRCS)) {
    // Delivered, or still on its way over RCS (shown faded until it lands).
    const parts = content(m, opts);
    wrap.append(h('div', { class: 'rcs' + (delivered ? '' : ' sending') }, parts), h('div', { class: 'meta' }, clock(m.acceptedAt), ' ', delivered ? ticks(m, 'RCS') : h('span', { class: 'ticks pending' }, '✓ Sending')));
  } else if (failed) {
    wrap.append(h('div', { class: 'system' }, `RCS message not delivered${failed.error && failed.error.id ? ': ' + errorText(failed.error) : ''}${fellBack ? '; sent as SMS' : ''}`));
  }
  if (fellBack && m.smsFailover) wrap.append(smsBubble(m.smsFailover.sender, m.smsFailover.text, m, opts, true));
  return wrap;
}

function smsBubble(sender, text, m, opts, isFallback) {
  return h('div', { class: 'sms-wrap', dataset: { fallback: isFallback ? 'true' : 'false' } },
    h('div', { class: 'sms-from' }, 'SMS · ' + sender),
    h('div', { class: 'bubble in sms' }, linkify(text || '', opts)),
    h('div', { class: 'meta' }, clock(m.acceptedAt), ' ', ticks(m, 'SMS')));
}

function incoming(i) {
  const c = i.message || {};
  let body;
  switch (c.type) {
    case 'LOCATION': body = `📍 ${c.latitude}, ${c.longitude}`; break;
    case 'FILE': body = '📎 ' + (c.name || c.url); break;
    case 'SUGGESTION': body = c.text || c.postbackData; break;
    default: body = c.text;
  }
  const where = i.route === 'push' ? `forwarded to ${i.url}${i.delivered ? '' : ' (not yet delivered)'}` : i.route === 'pull' ? 'kept for the inbox' : (i.warning || 'not forwarded');
  return h('div', { class: 'msg from-user', dataset: { id: i.messageId } },
    h('div', { class: 'bubble out' + (c.type === 'SUGGESTION' ? ' tapped' : '') }, body),
    h('div', { class: 'meta', title: where }, clock(i.receivedAt), ' ', (i.effects || []).join(', '), i.route === 'none' ? ' ⚠ ' + (i.warning || 'no forwarding configured') : ''));
}

async function send(body) {
  try {
    const r = await api('/_sim/inbound', { method: 'POST', body: { from: number, ...body } });
    const where = r.route === 'push' ? 'forwarded to ' + r.url : r.route === 'pull' ? 'kept for the inbox' : (r.warning || 'not forwarded');
    toast(`${(body.type || 'TEXT')} sent: ${where}`);
    await refresh();
    return true;
  } catch (err) {
    toast(err.message, true);
    return false;
  }
}

function target(info, smsSender) {
  return info.noRCS && smsSender ? { channel: 'SMS', to: smsSender } : { to: agent };
}

function tap(s) {
  const body = { to: agent, type: 'SUGGESTION', suggestion: { text: s.text, postbackData: s.postbackData } };
  send(body).then((ok) => {
    if (ok && s.type === 'OPEN_URL' && s.url) toast('Suggestion tapped; the handset would open ' + s.url);
  });
}

// click opens a short link as the user's tap would: a GET of /t/{code} on
// the simulator (the redirect is not followed, so nothing outside is
// fetched). A link on another host (a custom domain, --tracking-base-url)
// is clicked through the control plane instead, which counts the same.
async function click(code, url) {
  try {
    let u = null;
    try { u = new URL(url.startsWith('http') ? url : 'http://' + url); } catch { u = null; }
    if (u && u.host === location.host && u.pathname === '/t/' + code) {
      const res = await fetch(u.pathname, { redirect: 'manual', cache: 'no-store' });
      if (res.type !== 'opaqueredirect' && !res.ok) throw new Error(`${u.pathname}: HTTP ${res.status}`);
      toast(`Opened ${url}: the simulator counted the click and redirects the handset`);
    } else {
      const l = await api('/_sim/clicks', { method: 'POST', body: { code } });
      toast(`Opened ${url}: redirects to ${l.url}`);
    }
    refresh();
  } catch (err) { toast(err.message, true); }
}

function composer(info, smsSender) {
  const reply = h('input', { id: 'reply', type: 'text', autocomplete: 'off', placeholder: info.noRCS ? 'Text message' : 'RCS message', 'aria-label': 'Reply' });
  const lat = h('input', { id: 'lat', type: 'number', step: 'any', value: '19.0760', 'aria-label': 'Latitude' });
  const lon = h('input', { id: 'lon', type: 'number', step: 'any', value: '72.8777', 'aria-label': 'Longitude' });
  const t = () => target(info, smsSender);
  return h('div', { class: 'composer' },
    h('form', { class: 'reply-row', onsubmit: async (e) => { e.preventDefault(); if (!reply.value.trim()) return; if (await send({ ...t(), text: reply.value })) reply.value = ''; } },
      reply, h('button', { type: 'submit', class: 'send', 'aria-label': 'Send reply' }, '➤')),
    h('div', { class: 'quick' },
      h('button', { type: 'button', id: 'stop', onclick: () => send({ ...t(), text: 'STOP' }) }, 'STOP'),
      h('button', { type: 'button', id: 'start', onclick: () => send({ ...t(), text: 'START' }) }, 'START'),
      h('details', { class: 'loc' }, h('summary', {}, 'Share location'),
        h('div', { class: 'loc-row' }, lat, lon,
          h('button', { type: 'button', id: 'share-location', onclick: () => send({ to: agent, type: 'LOCATION', latitude: Number(lat.value), longitude: Number(lon.value) }) }, 'Share')))));
}
