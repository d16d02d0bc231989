// The page's only way to the server: the public /api routes, as any client uses them.

const BASE = '/api';
const TOKEN_KEY = 'proxy-config.token';

/** A refusal from the API: its status and the BifrostError's code, message and field. */
export class ApiError extends Error {
  constructor(status, code, message, param) {
    super(message);
    this.status = status;
    this.code = code;
    this.param = param || null;
  }
}

// sessionStorage, not localStorage: the token dies with the tab and is never shared across tabs.
export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

let onUnauthorized = () => {};

/** Called on any 401: the token is gone or wrong, so the page returns to sign-in. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

async function call(method, path, { body, ifMatch, token } = {}) {
  const headers = { 'Accept': 'application/json', 'Authorization': 'Bearer ' + (token ?? session.token() ?? '') };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch) headers['If-Match'] = ifMatch;
  let response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // 'omit': the token travels in our own header only, and a 401's Basic challenge can never
      // make the browser pop up its own login dialog.
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'network_error', 'The server could not be reached; check your connection and try again.');
  }
  const json = await response.json().catch(() => null);
  if (response.ok) return { json, etag: response.headers.get('ETag') };
  const error = json && json.error
    ? new ApiError(response.status, json.error.code, json.error.message, json.error.param)
    : new ApiError(response.status, 'http_' + response.status, `The server answered ${response.status}.`);
  if (response.status === 401 && token === undefined) onUnauthorized(error);
  throw error;
}

export const api = {
  /** The configuration in force and its ETag; with {token} to check a token before keeping it. */
  load: (token) => call('GET', '/proxy-config', { token }),
  /** Who the token stands for: {name, role} with role 'admin' or 'viewer'. */
  whoami: (token) => call('GET', '/whoami', { token }),
  /** The configuration's fields: {fields: [{name, type, secret, default}]}. */
  schema: () => call('GET', '/proxy-config/schema'),
  save: (config, etag) => call('PUT', '/proxy-config', { body: config, ifMatch: etag }),
  /** What saving would answer, with nothing saved: the configuration as it would be stored, or the refusal. */
  check: (config, etag) => call('PUT', '/proxy-config?dry_run=true', { body: config, ifMatch: etag }),
  /** The per-target routes in force, {routes: [...]}, route passwords as "<redacted>"; the ETag is the same revision. */
  routes: () => call('GET', '/proxy-config/routes'),
  saveRoutes: (routes, etag) => call('PUT', '/proxy-config/routes', { body: routes, ifMatch: etag }),
  /** What saving these routes would answer, with nothing saved. */
  checkRoutes: (routes, etag) => call('PUT', '/proxy-config/routes?dry_run=true', { body: routes, ifMatch: etag }),
  dryRun: (request) => call('POST', '/proxy-config/test', { body: request }),
  history: (before, limit = 10) =>
    call('GET', `/proxy-config/history?limit=${limit}` + (before ? `&before=${encodeURIComponent(before)}` : '')),
  /** The outbound traffic since start and over the last 15 minutes, per purpose (viewer or admin). */
  traffic: () => call('GET', '/traffic'),
  restore: (revision, etag) =>
    call('POST', `/proxy-config/history/${encodeURIComponent(revision)}/restore`, { ifMatch: etag }),
};
