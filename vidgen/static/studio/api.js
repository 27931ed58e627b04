// The studio talks to vidgen only through its public HTTP API.
//
// Signing in sends the key once, in a header, to POST /api/session; the server answers with an
// HttpOnly session cookie that every later call, <video>, <track> and EventSource carry by themselves.
// The page never keeps the key: no script can read it back, and it is in no URL, log or history.

export class ApiError extends Error {
  constructor(status, message, data = null) { super(message); this.status = status; this.data = data; }
}

const UNREACHABLE = 'The server cannot be reached. Is it still running?';
// A request the browser drops itself (the machine's network changed: Wi-Fi, a VPN, a new interface; Chromium
// then fails what is in flight with ERR_NETWORK_CHANGED) is asked again: a reading (GET) only, since a change
// may have reached the server. Pauses in ms before each new try; a server that is really gone fails after them.
const RETRY_MS = [150, 500, 1500];

// fetch, with a reading asked again after a network failure (never after an answer, nor once aborted)
async function send(url, init = {}) {
  const reading = !init.method || init.method === 'GET' || init.method === 'HEAD';
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await fetch(url, init);
    } catch (err) {
      if (err.name === 'AbortError' || !reading || attempt >= RETRY_MS.length) throw err;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS[attempt]));
      if (init.signal?.aborted) throw init.signal.reason ?? err;
    }
  }
}

// Called when the server says nobody is signed in (a session that expired, a key that was rotated).
let signedOut = () => {};
export function onSignedOut(fn) { signedOut = fn; }

async function answer(response) {
  let data = null;
  try { data = await response.json(); } catch { data = null; }
  if (response.status === 401) signedOut();
  if (!response.ok) {
    // a person's words first (`advice`: no setting, flag or command), else the server's one-line message
    const message = data?.advice || data?.detail || data?.message || `The server answered ${response.status}.`;
    throw new ApiError(response.status, message, data);
  }
  return data;
}

export async function call(method, url, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await send(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError(0, UNREACHABLE);
  }
  return { status: response.status, data: await answer(response) };
}

// Who is signed in: {signed_in, needed, user, admin}; {signed_in: false} when the server wants a key.
export async function session() {
  try {
    return (await call('GET', '/api/session')).data;
  } catch (err) {
    if (err.status === 401) return { signed_in: false, needed: true };
    throw err;
  }
}

export async function signIn(key) {
  let response;
  try {
    response = await fetch('/api/session', { method: 'POST', headers: { 'Accept': 'application/json', 'X-API-Key': key } });
  } catch (err) {
    throw new ApiError(0, UNREACHABLE);
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, response.status === 401
    ? 'That key does not open this server. Check it and try again.' : (data?.detail || `The server answered ${response.status}.`));
  return data;
}

export async function signOut() {
  await fetch('/api/session', { method: 'DELETE', headers: { 'Accept': 'application/json' } }).catch(() => null);
}

// A picture or video for a scene: stored among the person's uploads; answers {path, size, kind}.
export async function upload(file) {
  const headers = { 'Accept': 'application/json', 'Content-Type': file.type || 'application/octet-stream' };
  let response;
  try {
    response = await fetch('/api/media?filename=' + encodeURIComponent(file.name), { method: 'POST', headers, body: file });
  } catch (err) {
    throw new ApiError(0, UNREACHABLE);
  }
  return answer(response);
}

// An image (a scene's frame, or a preview of an unsaved scene) as an object URL for an <img>. The caller
// revokes the URL when it replaces the picture.
export async function imageURL(url, signal, body) {
  // with `body`: POSTed as JSON (a preview of an unsaved scene)
  const headers = { 'Accept': 'image/png' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await send(url, body === undefined ? { headers, signal }
      : { method: 'POST', headers, signal, body: JSON.stringify(body) });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, UNREACHABLE);
  }
  if (!response.ok) await answer(response);
  return URL.createObjectURL(await response.blob());
}
