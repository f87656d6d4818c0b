// OpenID Connect login for the viewer: authorization-code flow with PKCE (S256).
// With auth off (GET ../rta/v2/info -> authRequired false) nothing here ever blocks the viewer.

const KEY = 'rta.viewer.auth';      // sessionStorage: {accessToken, idToken, expiresAt}
const PENDING = 'rta.viewer.pkce';  // sessionStorage: {state, verifier, hash, tokenEndpoint}
const TOKEN = 'rta.viewer.token';   // sessionStorage: the access token alone (the API page at /ui/api/ sends it too)

const b64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomString = (n = 32) => b64url(crypto.getRandomValues(new Uint8Array(n)));

async function s256(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return b64url(new Uint8Array(digest));
}

async function getJson(url, init) {
  const res = await fetch(url, init);
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (!res.ok) {
    const msg = body && (body.error_description || body.message || body.error || body.title) || text || res.statusText;
    throw new Error(`${url}: ${res.status} ${msg}`);
  }
  return body;
}

/** The page itself, without query or hash: the registered redirect_uri. */
export function redirectUri() {
  return location.origin + location.pathname;
}

function stored() {
  try {
    const t = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    if (t && t.accessToken && (!t.expiresAt || t.expiresAt > Date.now() + 5000)) return t;
  } catch { /* ignore */ }
  return null;
}

/**
 * Works out whether login is needed and completes a returning login.
 * Resolves to {required, token(): Promise<string|null>, tokenNow(): string|null, login(), logout(), error}.
 */
export async function initAuth(apiBase) {
  const auth = {
    required: false, config: null, error: null,
    tokenNow: () => (stored() || {}).accessToken || null,
    token: async () => auth.tokenNow(),
    login: () => startLogin(auth.config),
    logout: () => { sessionStorage.removeItem(KEY); sessionStorage.removeItem(TOKEN); location.reload(); },
  };
  let info = null;
  try {
    [info, auth.config] = await Promise.all([
      getJson(new URL('info', apiBase), { signal: AbortSignal.timeout(8000) }).catch(() => null),
      getJson(new URL('config.json', location.href), { signal: AbortSignal.timeout(8000) }).catch(() => null),
    ]);
  } catch { /* auth off: never block */ }
  auth.required = !!((info && info.authRequired) || (auth.config && auth.config.authRequired && !info));
  if (!auth.required) return auth;
  if (!auth.config || !auth.config.authority || !auth.config.clientId) {
    auth.error = 'The server requires sign-in, but /ui/config.json does not name an authority and client id.';
    return auth;
  }
  const q = new URLSearchParams(location.search);
  if (q.has('error')) {
    auth.error = `Sign-in failed: ${q.get('error_description') || q.get('error')}`;
    history.replaceState(null, '', redirectUri() + location.hash);
    return auth;
  }
  if (q.has('code')) {
    try {
      await finishLogin(auth.config, q);
    } catch (e) {
      auth.error = `Sign-in failed: ${e.message}`;
    }
    return auth;
  }
  if (!stored()) {
    // Not signed in: go to the authority (the page shows a button too if that fails).
    try { await startLogin(auth.config); await new Promise(() => {}); } catch (e) { auth.error = `Cannot start sign-in: ${e.message}`; }
  }
  return auth;
}

async function discovery(authority) {
  return getJson(authority.replace(/\/+$/, '') + '/.well-known/openid-configuration');
}

export async function startLogin(config) {
  const meta = await discovery(config.authority);
  const verifier = randomString(48);
  const state = randomString(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ state, verifier, hash: location.hash, tokenEndpoint: meta.token_endpoint }));
  const p = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope || 'openid profile',
    state,
    code_challenge: await s256(verifier),
    code_challenge_method: 'S256',
  });
  if (config.audience) p.set('audience', config.audience);
  location.assign(meta.authorization_endpoint + (meta.authorization_endpoint.includes('?') ? '&' : '?') + p);
}

async function finishLogin(config, q) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  const hash = pending && pending.hash || location.hash;
  history.replaceState(null, '', redirectUri() + hash);
  if (!pending || pending.state !== q.get('state')) throw new Error('the login response does not match this browser tab (state check failed)');
  const tokenEndpoint = pending.tokenEndpoint || (await discovery(config.authority)).token_endpoint;
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: q.get('code'),
    redirect_uri: redirectUri(),
    client_id: config.clientId,
    code_verifier: pending.verifier,
  });
  const tok = await getJson(tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  const accessToken = tok.access_token || tok.id_token;
  if (!accessToken) throw new Error('the token endpoint returned no access token');
  sessionStorage.setItem(TOKEN, accessToken);
  sessionStorage.setItem(KEY, JSON.stringify({
    accessToken, idToken: tok.id_token || null,
    expiresAt: tok.expires_in ? Date.now() + tok.expires_in * 1000 : 0,
  }));
}

/** Display name from the id token, if any. */
export function userName() {
  const t = stored();
  if (!t || !t.idToken) return null;
  try {
    const claims = JSON.parse(atob(t.idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return claims.name || claims.preferred_username || claims.email || claims.sub || null;
  } catch { return null; }
}
