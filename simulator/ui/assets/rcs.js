// Renders RCS content the way a handset shows it: text bubbles, rich cards
// (media, title, description, suggestion chips), carousels that scroll
// sideways, files. The shapes are those of the API's content types (TEXT,
// FILE, CARD, CAROUSEL, PROVIDER_TEMPLATE); onChip is called with the
// suggestion a user taps.

import { h } from './dom.js';

function fileName(url) {
  try { return decodeURIComponent(new URL(url).pathname.split('/').pop()) || url; } catch { return url; }
}

const IMAGE = /\.(png|jpe?g|gif|webp|svg|bmp)(\?|$)/i;
const VIDEO = /\.(mp4|webm|3gp|mov)(\?|$)/i;

function media(m, height) {
  if (!m || !m.file) return null;
  const url = m.file.url;
  const cls = 'media ' + String(height || 'MEDIUM').toLowerCase();
  if (VIDEO.test(url)) {
    return h('video', { class: cls, src: url, poster: m.thumbnail && m.thumbnail.url, controls: true, preload: 'none', 'aria-label': 'video ' + fileName(url) });
  }
  const img = h('img', { class: cls, src: url, alt: 'picture ' + fileName(url), loading: 'lazy' });
  img.addEventListener('error', () => img.replaceWith(h('div', { class: cls + ' missing', role: 'img', 'aria-label': 'picture not loaded' }, fileName(url))));
  return img;
}

const CHIP_ICON = { REPLY: '', OPEN_URL: '↗ ', DIAL_PHONE: '☎ ', SHOW_LOCATION: '⌖ ', REQUEST_LOCATION: '⌖ ', CREATE_CALENDAR_EVENT: '▦ ' };

export function chips(suggestions, onChip, cls) {
  if (!suggestions || !suggestions.length) return null;
  return h('div', { class: cls || 'chips', role: 'group', 'aria-label': 'suggestions' },
    suggestions.map((s) => h('button', {
      type: 'button', class: 'chip', dataset: { postback: s.postbackData || '', type: s.type || '' },
      title: chipTitle(s),
      onclick: () => onChip && onChip(s),
    }, (CHIP_ICON[s.type] || '') + (s.text || s.postbackData))));
}

function chipTitle(s) {
  switch (s.type) {
    case 'OPEN_URL': return 'opens ' + s.url;
    case 'DIAL_PHONE': return 'dials ' + s.phoneNumber;
    case 'SHOW_LOCATION': return `shows ${s.latitude}, ${s.longitude}${s.label ? ' (' + s.label + ')' : ''}`;
    case 'REQUEST_LOCATION': return 'shares your location';
    case 'CREATE_CALENDAR_EVENT': return `adds "${s.title}" ${s.startTime} to ${s.endTime}`;
    default: return 'replies ' + (s.text || '');
  }
}

function card(c, opts, orientation, alignment) {
  const hor = orientation === 'HORIZONTAL';
  return h('div', { class: 'card' + (hor ? ' horizontal' : '') + (alignment === 'RIGHT' ? ' right' : '') },
    media(c.media, c.media && c.media.height),
    h('div', { class: 'card-body' },
      c.title ? h('div', { class: 'card-title' }, c.title) : null,
      c.description ? h('div', { class: 'card-desc' }, linkify(c.description, opts)) : null,
      chips(c.suggestions, opts.onChip, 'card-chips')));
}

// linkify turns URLs in a text into links; the simulator's own short links
// (/t/{code}) call opts.onLink instead of navigating, so opening one is a
// click the simulator records.
export function linkify(text, opts) {
  const out = [];
  const re = /(https?:\/\/[^\s<>"]+|(?:[a-z0-9-]+\.)+[a-z]{2,}\/t\/[A-Za-z0-9]+)/gi;
  let last = 0;
  for (const m of String(text).matchAll(re)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const url = m[0];
    const code = (url.match(/\/t\/([A-Za-z0-9]+)$/) || [])[1];
    if (code && opts && opts.links && opts.links.has(code)) {
      out.push(h('a', { href: '#', class: 'shortlink', dataset: { code }, onclick: (e) => { e.preventDefault(); opts.onLink(code, url); } }, url));
    } else {
      out.push(h('a', { href: url.startsWith('http') ? url : 'https://' + url, target: '_blank', rel: 'noopener noreferrer' }, url));
    }
    last = m.index + url.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

// content renders one message's RCS content; it returns the bubble parts.
export function content(m, opts) {
  let c = m.content;
  if (typeof c === 'string') { try { c = JSON.parse(c); } catch { c = null; } }
  c = c || { type: m.contentType, text: m.text };
  const parts = [];
  switch (c.type) {
    case 'TEXT':
      parts.push(h('div', { class: 'bubble in text' }, linkify(m.text || c.text || '', opts)));
      break;
    case 'FILE': {
      const url = c.file && c.file.url;
      const isImage = IMAGE.test(url || '');
      parts.push(h('div', { class: 'bubble in file' },
        isImage ? media({ file: c.file, thumbnail: c.thumbnail }, 'MEDIUM')
          : h('a', { class: 'file-link', href: url, target: '_blank', rel: 'noopener noreferrer' },
            h('span', { class: 'file-icon', 'aria-hidden': 'true' }, '▤'), fileName(url || 'file'))));
      break;
    }
    case 'CARD':
      parts.push(h('div', { class: 'bubble in rich' }, card(c.content || {}, opts, c.orientation, c.alignment)));
      break;
    case 'CAROUSEL':
      parts.push(h('div', { class: 'carousel ' + String(c.cardWidth || 'MEDIUM').toLowerCase(), tabindex: '0', role: 'region', 'aria-label': `carousel of ${(c.contents || []).length} cards` },
        (c.contents || []).map((cc) => card(cc, opts))));
      break;
    case 'PROVIDER_TEMPLATE':
      parts.push(h('div', { class: 'bubble in text template' }, `Template ${c.templateId}`,
        (c.parameters || []).map((p) => h('div', { class: 'param' }, `${p.name}: ${p.value}`))));
      break;
    default:
      parts.push(h('div', { class: 'bubble in text' }, m.text || `(${c.type || 'unknown'} content)`));
  }
  const sc = chips(c.suggestions, opts.onChip);
  if (sc) parts.push(sc);
  return parts;
}
