// The Connect view: scope the UI to one account, by its API key or, with
// the control token, by its id.

import { api, conn, saveConnection } from './api.js';
import { h, clear, toast } from './dom.js';

export function renderConnect(main) {
  clear(main);
  const key = h('input', { id: 'api-key', type: 'password', autocomplete: 'off', value: conn.key, placeholder: '32 hex digits-uuid', 'aria-describedby': 'key-help' });
  const token = h('input', { id: 'control-token', type: 'password', autocomplete: 'off', value: conn.token, 'aria-describedby': 'token-help' });
  const account = h('input', { id: 'account-id', list: 'accounts', autocomplete: 'off', value: conn.account });
  const list = h('datalist', { id: 'accounts' });
  main.append(
    h('h1', {}, 'Connect to an account'),
    h('form', { class: 'connect', id: 'connect-form', onsubmit: (e) => { e.preventDefault(); saveConnection({ key: key.value, token: token.value, account: key.value ? '' : account.value }); toast('Connected: ' + (key.value ? 'API key' : 'account ' + account.value)); location.hash = '#/messages'; } },
      h('div', { class: 'field' }, h('label', { for: 'api-key' }, 'API key'), key,
        h('p', { id: 'key-help', class: 'muted' }, 'The key your integration uses. The UI sends it as "Authorization: App <key>" and sees that key\'s account only. It is kept in this tab only.')),
      h('p', { class: 'or' }, 'or'),
      h('div', { class: 'field' }, h('label', { for: 'control-token' }, 'Control token'), token,
        h('p', { id: 'token-help', class: 'muted' }, 'The simulator\'s --control-token (empty on a loopback listener without one), sent as X-Jiocxsim-Token.')),
      h('div', { class: 'field' }, h('label', { for: 'account-id' }, 'Account'), account, list,
        h('button', { type: 'button', onclick: () => findAccounts(token.value, list) }, 'List accounts with messages')),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Connect'),
        h('button', { type: 'button', onclick: () => { saveConnection({}); renderConnect(main); } }, 'Disconnect'))));
}

// findAccounts lists the accounts that have messages: an unscoped call,
// which needs the control token when one is configured.
async function findAccounts(token, list) {
  const saved = { ...conn };
  conn.key = ''; conn.account = ''; conn.token = token.trim();
  try {
    const r = await api('/_sim/messages');
    const ids = [...new Set((r.messages || []).map((m) => m.account))];
    clear(list).append(...ids.map((id) => h('option', { value: id })));
    toast(ids.length ? `${ids.length} account(s): pick one in the Account field` : 'No account has messages yet');
  } catch (err) {
    toast(err.message, true);
  } finally {
    Object.assign(conn, saved);
  }
}
