// Small DOM helpers. Every piece of data reaches the page as text nodes or
// attribute values, never as HTML, so a message body cannot inject markup.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

// put replaces el's children, skipping null and false (Element.append would
// write them as text).
export function put(el, ...children) { clear(el); append(el, children); return el; }

export function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

export function toast(text, bad) {
  const t = document.getElementById('toast');
  t.textContent = text;
  t.className = 'toast' + (bad ? ' bad' : '');
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 4000);
}

// Times are shown as the simulator stamped them (its clock may be fake).
export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  return d.toISOString().replace('T', ' ').replace('Z', '').slice(0, 23);
}

export function clock(iso) {
  const d = new Date(iso);
  return isNaN(d) ? '' : d.toISOString().slice(11, 19);
}

export function since(fromIso, iso) {
  const ms = new Date(iso) - new Date(fromIso);
  if (!isFinite(ms)) return '';
  if (Math.abs(ms) < 1000) return '+' + ms + ' ms';
  if (Math.abs(ms) < 120000) return '+' + (ms / 1000).toFixed(3) + ' s';
  return '+' + (ms / 60000).toFixed(1) + ' min';
}

export function pretty(v) {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') {
    try { return JSON.stringify(JSON.parse(v), null, 2); } catch { return v; }
  }
  return JSON.stringify(v, null, 2);
}

export function statusClass(status) {
  const g = (status && status.groupName) || '';
  return { DELIVERED: 'ok', PENDING: 'pending', UNDELIVERABLE: 'bad', EXPIRED: 'bad', REJECTED: 'bad' }[g] || 'pending';
}

export function badge(status) {
  if (!status) return null;
  return h('span', { class: 'badge ' + statusClass(status), title: status.description || '' }, status.name);
}

export function errorText(err) {
  if (!err || !err.id) return '';
  return `${err.name} (${err.id})`;
}
