// The control-plane client of the UI. Every request carries the connection's
// credential: the pasted API key as "Authorization: App <key>" (the account
// the key belongs to), or the control token as X-Jiocxsim-Token with
// ?account=<id> to pick an account. Nothing else about the simulator is
// known here: the UI sees exactly what any HTTP client sees.

const STORE = 'jiocxsim.connection';

export const conn = loadConnection();

function loadConnection() {
  try {
    const c = JSON.parse(sessionStorage.getItem(STORE) || '{}');
    return { key: c.key || '', token: c.token || '', account: c.account || '' };
  } catch {
    return { key: '', token: '', account: '' };
  }
}

// saveConnection keeps the credential for this tab only (sessionStorage): an
// API key is a secret and should not outlive the tab.
export function saveConnection(c) {
  conn.key = (c.key || '').trim();
  conn.token = (c.token || '').trim();
  conn.account = (c.account || '').trim();
  sessionStorage.setItem(STORE, JSON.stringify(conn));
  window.dispatchEvent(new CustomEvent('connection'));
}

export function connected() {
  return conn.key !== '' || conn.account !== '';
}

export function describeConnection() {
  if (conn.key) return 'API key …' + conn.key.slice(-6);
  if (conn.account) return 'account ' + conn.account;
  return 'Not connected';
}

export function authHeaders() {
  const h = {};
  if (conn.key) h['Authorization'] = 'App ' + conn.key;
  if (conn.token) h['X-Jiocxsim-Token'] = conn.token;
  return h;
}

// withAccount adds ?account= when the connection picks an account with the
// token rather than a key.
export function withAccount(path, query) {
  const u = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') u.searchParams.set(k, v);
  }
  if (!conn.key && conn.account && u.pathname.startsWith('/_sim/')) u.searchParams.set('account', conn.account);
  return u.pathname + u.search;
}

export class APIError extends Error {
  constructor(status, body, path) {
    const why = body && (body.error || body.description ||
      (body.requestError && body.requestError.serviceException && body.requestError.serviceException.text));
    super(`${path}: HTTP ${status}${why ? ': ' + why : ''}`);
    this.status = status;
    this.body = body;
  }
}

// api calls the simulator and returns the decoded JSON body. Non-2xx answers
// throw an APIError carrying the body; opts.accept lists statuses that are
// returned instead (a long-poll's 408, a missing endpoint's 404).
export async function api(path, opts = {}) {
  const headers = authHeaders();
  const init = { method: opts.method || 'GET', headers, cache: 'no-store', signal: opts.signal };
  // Every write says it is JSON, body or not: the control plane's browser
  // guard refuses writes without that Content-Type (a form post from another
  // site cannot send it).
  if (init.method !== 'GET' && init.method !== 'HEAD') headers['Content-Type'] = 'application/json';
  if (opts.body !== undefined) {
    init.body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  }
  const url = withAccount(path, opts.query);
  const res = await fetch(url, init);
  const text = await res.text();
  let body = null;
  if (text) {
    try { body = JSON.parse(text); } catch { body = { error: text.slice(0, 200) }; }
  }
  if (!res.ok && !(opts.accept || []).includes(res.status)) throw new APIError(res.status, body, url);
  if (opts.withStatus) return { status: res.status, body };
  return body;
}

// available says whether an endpoint exists in this build (endpoints of
// other features answer 404 or 405 until they are there).
export async function available(path, opts = {}) {
  try {
    const r = await api(path, { ...opts, accept: [400, 404, 405, 501], withStatus: true });
    return r.status < 400 ? r : null;
  } catch {
    return null;
  }
}
