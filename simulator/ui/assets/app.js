// The UI's entry point: a hash router over the four views, and the glue that
// redraws the current view when live data changes.

import { connected, describeConnection } from './api.js';
import { h, clear } from './dom.js';
import { start, subscribe } from './live.js';
import { renderList, updateList, renderDetail, updateDetail } from './messages.js';
import { renderPhone, updatePhone } from './phone.js';
import { renderSetup } from './setup.js';
import { renderConnect } from './connect.js';

const main = document.getElementById('main');
let current = '';

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [view, ...rest] = hash.split('/');
  const arg = decodeURIComponent(rest.join('/'));
  current = view || 'messages';
  document.querySelectorAll('[data-nav]').forEach((a) => {
    if (a.dataset.nav === current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  document.getElementById('account-badge').textContent = describeConnection();
  if (!connected() && current !== 'connect') {
    clear(main).append(h('h1', {}, 'jiocxsim'),
      h('p', {}, 'Watch every message live and be the user on a phone that renders RCS.'),
      h('p', {}, h('a', { href: '#/connect', class: 'button primary' }, 'Connect to an account'), ' with its API key, or pick one with the control token.'));
    return;
  }
  switch (current) {
    case 'messages': arg ? renderDetail(main, arg) : renderList(main); current = arg ? 'detail' : 'messages'; break;
    case 'phone': renderPhone(main, arg); break;
    case 'setup': renderSetup(main); break;
    case 'connect': renderConnect(main); break;
    default: clear(main).append(h('p', {}, 'Nothing here. '), h('a', { href: '#/messages' }, 'Messages'));
  }
}

subscribe(() => {
  if (current === 'messages') updateList();
  else if (current === 'detail') updateDetail();
  else if (current === 'phone') updatePhone();
});

window.addEventListener('hashchange', () => { route(); main.focus({ preventScroll: true }); });
window.addEventListener('connection', () => { start(); route(); });
start();
route();
