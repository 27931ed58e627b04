// The chat's live events (GET /events/{chatID}, Server-Sent Events), dispatched by type: each
// module registers what it does with an event type (`on`), and an event nobody handles is ignored.
import { showError } from './messages.js';
import { store } from './state.js';

const handlers = new Map();  // type -> [fn]
let source = null;

export function on(type, fn) {
  handlers.set(type, [...(handlers.get(type) || []), fn]);
}

export function dispatch(event) {
  for (const fn of handlers.get(event?.type) || []) {
    try {
      const done = fn(event);
      done?.catch?.(showError);
    } catch (err) {
      showError(err);  // one module's trouble must not stop the others hearing the event
    }
  }
}

function newChatID() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

// One chat per page: its scripts and renders report here. EventSource reconnects by itself and the
// server replays what was missed (Last-Event-ID); only a stream closed for good is worth saying.
export async function connect() {
  // signed in, the session cookie lets the EventSource in (it cannot send a header)
  if (source && source.readyState !== EventSource.CLOSED) return store.get().chatID;
  const chatID = store.get().chatID || newChatID();
  store.set({ chatID });
  const opened = new Promise((resolve) => {
    source = new EventSource(`/events/${encodeURIComponent(chatID)}`);
    source.onopen = () => resolve();
    source.onerror = () => {
      resolve();
      if (source.readyState === EventSource.CLOSED) showError('The live connection to the server was lost; '
                                                            + 'reload the page to see progress again.');
    };
  });
  source.onmessage = (message) => {
    let event;
    try { event = JSON.parse(message.data); } catch { return; }  // not ours to read
    dispatch(event);
  };
  await opened;  // events sent before the stream is open would otherwise only come back by replay
  return chatID;
}
