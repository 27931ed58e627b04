// The studio talks to vidgen only through its public HTTP API.

const KEY = 'vidgen.apiKey';

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

export function apiKey() { return localStorage.getItem(KEY) || ''; }
export function setApiKey(value) { value ? localStorage.setItem(KEY, value) : localStorage.removeItem(KEY); }

// URLs for tags that cannot send headers (<video>, <track>, EventSource) carry the key in the query.
export function withKey(url) {
  const key = apiKey();
  if (!key) return url;
  return url + (url.includes('?') ? '&' : '?') + 'api_key=' + encodeURIComponent(key);
}

let askForKey = async () => false;
let asking = null;  // several requests may hit 401 at once: one prompt answers them all
export function onKeyNeeded(fn) {
  askForKey = () => (asking ??= fn().finally(() => { asking = null; }));
}

export async function call(method, url, body) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const headers = { 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (apiKey()) headers['X-API-Key'] = apiKey();
    let response;
    try {
      response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new ApiError(0, 'The server cannot be reached. Is `vidgen serve` still running?');
    }
    let data = null;
    try { data = await response.json(); } catch { data = null; }
    if (response.status === 401 && attempt === 0 && await askForKey()) continue;
    if (!response.ok) {
      const message = data?.detail || data?.message || `The server answered ${response.status}.`;
      throw new ApiError(response.status, message);
    }
    return { status: response.status, data };
  }
  throw new ApiError(401, 'This server needs an API key.');
}

export function events(chatID, onEvent, onTrouble) {
  const source = new EventSource(withKey(`/events/${encodeURIComponent(chatID)}`));
  source.onmessage = (e) => { try { onEvent(JSON.parse(e.data)); } catch { /* a comment or ping */ } };
  source.onerror = () => { if (source.readyState === EventSource.CLOSED) onTrouble?.(); };
  return source;
}
