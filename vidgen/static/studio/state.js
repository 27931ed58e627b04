// The page's one store. State is replaced, never changed in place: a slice that did not change keeps
// its identity, so `watch` can tell a view to redraw only when what it shows has changed.

export function createStore(initial) {
  let state = initial;
  const listeners = new Set();
  return {
    get: () => state,
    // set({slice: value}) or set((state) => ({slice: value})): merged into a new top-level object
    set(patch) {
      const changes = typeof patch === 'function' ? patch(state) : patch;
      if (!changes) return;
      state = { ...state, ...changes };
      for (const fn of [...listeners]) fn(state);
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

export const store = createStore({
  chatID: null,
  user: null,          // who is signed in (GET /api/session): its name is the uid of what this page writes
  schema: null,        // from /openapi.json: scene fields and the visual's kinds and actions (schema.js)
  writers: null,       // GET /api/writers
  voices: null,        // GET /api/voices
  options: null,       // GET /api/options: the render options' JSON Schema (choices, labels, defaults, limits)
  batch: null,         // {id, source: bool, scaffold: bool|null, noteDismissed}: the variations asked for last
  cards: [],           // [{index, status: 'pending'|'ready'|'failed', token, script, error, seconds}]
  editor: null,        // editor.js: {token, version, title, extra, scenes: [{key, savedSeq, data}], saved, ...}
  estimate: null,      // {bySeq: {seq: seconds}, total} of the editor's unsaved text
  versions: null,      // GET /api/script/{token}/versions of the open script
  aspect: null,        // the render's aspect: previews are drawn in it (null: the server's default)
  job: null,           // the render this page started: {job_id, status, progress, stage, eta_seconds, error}
  video: null,         // the video shown in the player: {video, stream_url, download_url, ...}
  // scripts: GET /api/scripts, newest first; scriptsNext: the cursor of the older ones (null: none)
  library: { videos: null, jobs: null, scripts: null, scriptsNext: null },
});

// fn(selected, state) whenever select(state) is a different value (by identity) than last time,
// and once now.
export function watch(select, fn) {
  let last = Symbol('unset');
  const check = (state) => {
    const value = select(state);
    if (value === last) return;
    last = value;
    fn(value, state);
  };
  check(store.get());
  return store.subscribe(check);
}
