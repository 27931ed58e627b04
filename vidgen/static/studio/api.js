// The studio talks to vidgen only through its public HTTP API.

const KEY = 'vidgen.apiKey';

export class ApiError extends Error {
  constructor(status, message, data = null) { super(message); this.status = status; this.data = data; }
}

export function apiKey() { return localStorage.getItem(KEY) || ''; }
export function setApiKey(value) { value ? localStorage.setItem(KEY, value) : localStorage.removeItem(KEY); }

// Tags that cannot send headers (<video>, <track>, EventSource) are let in by an HttpOnly session
// cookie the server sets once it has checked the key (POST /api/session): the key never goes in a URL,
// where logs and history would keep it. Call before giving such a tag a URL.
let sessionKey = null;
export async function ensureSession() {
  const key = apiKey();
  if (!key || key === sessionKey) return;
  await call('POST', '/api/session');
  sessionKey = apiKey();  // the key may have been asked for again on the way
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
      throw new ApiError(response.status, message, data);
    }
    return { status: response.status, data };
  }
  throw new ApiError(401, 'This server needs an API key.');
}

// A picture or video for a scene: stored under the server's media/ folder; answers {path, size, kind}.
export async function upload(file) {
  const headers = { 'Accept': 'application/json', 'Content-Type': file.type || 'application/octet-stream' };
  if (apiKey()) headers['X-API-Key'] = apiKey();
  const response = await fetch('/api/media?filename=' + encodeURIComponent(file.name),
                               { method: 'POST', headers, body: file });
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data?.detail || `The server answered ${response.status}.`);
  return data;
}

// An image (a scene's frame) as an object URL for an <img>: fetched with the key like every call,
// so a frame needs no cookie. With `body`, POSTed as JSON (a preview of an unsaved scene).
// The caller revokes the URL when it replaces the picture.
export async function imageURL(url, signal, body) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const headers = { 'Accept': 'image/png' };
    if (apiKey()) headers['X-API-Key'] = apiKey();
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(url, body === undefined ? { headers, signal }
        : { method: 'POST', headers, signal, body: JSON.stringify(body) });
    } catch (err) {
      if (err.name === 'AbortError') throw err;
      throw new ApiError(0, 'The server cannot be reached. Is `vidgen serve` still running?');
    }
    if (response.status === 401 && attempt === 0 && await askForKey()) continue;
    if (!response.ok) {
      const data = await response.json().catch(() => null);
      throw new ApiError(response.status, data?.detail || `The server answered ${response.status}.`);
    }
    return URL.createObjectURL(await response.blob());
  }
  throw new ApiError(401, 'This server needs an API key.');
}
