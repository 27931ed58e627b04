// The script editor: title, scenes (narration, on-screen lines, layout, media, the other known
// fields), order, saving as a new version, version history, and live length estimates.
import { call, upload } from './api.js';
import { $, debounce, h, newKey, renderList, setError, setOptions, setText, setValue } from './dom.js';
import { locate, plain } from './errors.js';
import { clearMessage, showError, showInfo } from './messages.js';
import { loadSchema, plainFields } from './schema.js';
import { store, watch } from './state.js';
import { screenLines, TO_VISUAL, withScreenLines, withVisual } from './screen-lines.js';
import { createVisualPanel } from './visual.js';

const META = ['token', 'status', 'version'];  // what GET /api/script adds to the script itself
const LABELS = { anim: 'What the viewer sees (in words)', duration_sec: 'Minimum length in seconds',
                 voice: 'Voice for this scene' };

// -- the draft ------------------------------------------------------------------------------------
function draftFrom(data, keys = []) {
  const { title, scenes, ...rest } = data;
  const extra = Object.fromEntries(Object.entries(rest).filter(([k]) => !META.includes(k)));
  return { title: title || '', extra,
           scenes: (scenes || []).map((s, i) => ({ key: keys[i] || newKey('scene'), savedSeq: s.seq, data: s })) };
}

// The script as the server takes it: scenes numbered by their place, empty optional fields left out.
export function collect(editor = store.get().editor) {
  return { ...editor.extra, title: editor.title, scenes: editor.scenes.map((scene, i) => {
    const out = { ...scene.data, seq: i + 1 };
    for (const [k, v] of Object.entries(out)) {
      if (k !== 'text' && (v === '' || v === null || v === undefined || (Array.isArray(v) && !v.length))) delete out[k];
    }
    return out;
  }) };
}

// Each scene as stored, by key: a preview shows the stored scene, and says so once the draft differs.
const snapshot = (scenes) => Object.fromEntries(scenes.map((s) => [s.key, JSON.stringify({ ...s.data, seq: 0 })]));
export const sceneChanged = (editor, scene) => editor.stored?.[scene.key] !== JSON.stringify({ ...scene.data, seq: 0 });

export const isDirty = (editor = store.get().editor) => Boolean(editor) && JSON.stringify(collect(editor)) !== editor.saved;

function setEditor(patch) {
  store.set((s) => ({ editor: { ...s.editor, ...(typeof patch === 'function' ? patch(s.editor) : patch) } }));
}

// Changes one scene's data: `change(data)` returns the new data (undefined values remove the field).
export function updateScene(key, change) {
  setEditor((ed) => ({ scenes: ed.scenes.map((s) => {
    if (s.key !== key) return s;
    const data = { ...change(s.data) };
    for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
    return { ...s, data };
  }) }));
}

// -- opening and saving ------------------------------------------------------------------------------
export async function openScript(token) {
  if (isDirty() && !window.confirm('The script in the editor has unsaved changes. Open another and lose them?')) return;
  await loadSchema();
  const { status, data } = await call('GET', `/api/script/${encodeURIComponent(token)}`);
  if (status === 202) { showInfo('That script is still being written; it opens once it is ready.'); return; }
  if (data.status === 'failed') { showError(`That script could not be written: ${data.error}`); return; }
  const draft = draftFrom(data);
  const editor = { token, version: data.version, ...draft, saving: false, error: null, note: '',
                   stored: snapshot(draft.scenes) };
  editor.saved = JSON.stringify(collect(editor));
  store.set({ editor, estimate: null, versions: null });
  $('editor').hidden = false;
  $('render-panel').hidden = false;
  if (location.hash !== `#script=${token}`) history.replaceState(null, '', `#script=${token}`);
  $('editor').scrollIntoView({ behavior: 'smooth', block: 'start' });
  loadVersions().catch(() => {});
}

async function loadVersions() {
  const ed = store.get().editor;
  const { data } = await call('GET', `/api/script/${encodeURIComponent(ed.token)}/versions`);
  if (store.get().editor?.token === ed.token) store.set({ versions: data });
}

export async function save() {
  const ed = store.get().editor;
  const broken = ed.scenes.findIndex((s) => ed.jsonErrors?.[s.key]);
  if (broken >= 0) {
    const message = `Not saved: in scene ${broken + 1}, ${ed.jsonErrors[ed.scenes[broken].key]}.`;
    setEditor({ note: message, error: { message, loc: null } });
    throw new Error(message);
  }
  const script = collect(ed);
  setEditor({ saving: true, note: 'Saving…' });
  try {
    const { data } = await call('POST', `/update_script/${encodeURIComponent(ed.token)}`, { script });
    const now = store.get().editor;
    // the server's copy (it may have refitted a picture's steps to new words)
    const fromServer = draftFrom(data.script, ed.scenes.map((s) => s.key));
    const saved = JSON.stringify(collect({ ...now, ...fromServer }));
    // typed while the save was on its way: kept as unsaved changes on top of the stored version
    const typedMeanwhile = JSON.stringify(collect(now)) !== JSON.stringify(script);
    const savedSeqs = new Map(fromServer.scenes.map((s) => [s.key, s.savedSeq]));
    const draft = typedMeanwhile
      ? { scenes: now.scenes.map((s) => ({ ...s, savedSeq: savedSeqs.get(s.key) ?? null })) } : fromServer;
    store.set({ editor: { ...now, ...draft, saved, stored: snapshot(fromServer.scenes), version: data.version,
                          saving: false, error: null, pendingNote: false, note: `Saved as version ${data.version}.` } });
    clearMessage();  // a note from before the save (an upload, an error) no longer applies
    loadVersions().catch(() => {});
    return data;
  } catch (err) {
    const loc = err.status === 400 ? locate(err.message) : null;
    setEditor({ saving: false, error: { message: err.message, loc },
                note: 'Not saved: the message next to the field says what to change.' });
    if (!focusError()) {  // a message that names no field on the page goes in the banner
      setEditor({ note: 'Not saved.' });
      showError(err);
    }
    throw err;
  }
}

function focusError() {
  const row = document.querySelector('#editor .invalid');
  if (!row) return false;
  row.closest('details:not([open])')?.setAttribute('open', '');
  row.scrollIntoView({ behavior: 'smooth', block: 'center' });
  (row.querySelector('[aria-invalid=true]') || row.querySelector('input, select, textarea'))?.focus({ preventScroll: true });
  return true;
}

// -- one scene ----------------------------------------------------------------------------------------
function plainControl(field) {
  const id = newKey('field-');
  let control;
  if (field.enum) {
    control = h('select', { id });
    setOptions(control, [{ value: '', label: '—' }, ...field.enum.map((v) => ({ value: v }))]);
  } else if (field.type === 'number' || field.type === 'integer') {
    control = h('input', { id, type: 'number', inputmode: 'decimal', min: field.minimum, max: field.maximum,
                           step: field.type === 'integer' ? 1 : 'any' });
  } else {
    control = h('textarea', { id, rows: 1 });
  }
  control.dataset.field = field.name;
  control.classList.add('plain');
  const label = h('label', { for: id, text: LABELS[field.name] || field.title });
  return h('div', { class: 'field', dataset: { field: field.name } }, label, control);
}

function readPlain(control, field) {
  const raw = control.value;
  if (raw.trim() === '') return undefined;
  if (field.type === 'number' || field.type === 'integer') {
    const n = Number(raw);
    return Number.isFinite(n) ? n : raw;  // a wrong value goes to the server, which says what is wrong
  }
  return raw;
}

function createScene(scene) {
  const key = scene.key;
  const { schema } = store.get();
  const ids = { text: newKey('text-'), screen: newKey('screen-'), media: newKey('media-'), layout: newKey('layout-') };
  const change = (fn) => () => updateScene(key, fn);
  const text = h('textarea', { id: ids.text, class: 'text', rows: 3, maxlength: 5000 });
  text.addEventListener('input', change((d) => ({ ...d, text: text.value })));
  const screen = h('textarea', { id: ids.screen, class: 'on-screen', rows: 2 });
  screen.addEventListener('input', change((d) => withScreenLines(d, screen.value.split('\n').map((l) => l.trim()).filter(Boolean))));
  const media = h('input', { id: ids.media, class: 'media', placeholder: 'media/picture.png', autocomplete: 'off' });
  media.addEventListener('input', change((d) => ({ ...d, media: media.value.trim() || undefined })));
  const uploadInput = h('input', { type: 'file', class: 'upload visually-hidden', accept: 'image/*,video/*',
                                   id: newKey('upload-') });
  uploadInput.addEventListener('change', async () => {
    const file = uploadInput.files[0];
    if (!file) return;
    try {
      const { path } = await upload(file);
      updateScene(key, (d) => ({ ...d, media: path }));
      showInfo(`Uploaded ${file.name}; save the script to use it.`);
    } catch (err) { showError(err); }
    uploadInput.value = '';
  });
  const layout = h('select', { id: ids.layout, class: 'layout' });
  setOptions(layout, schema.layouts);
  layout.addEventListener('change', change((d) => (d.visual && typeof d.visual === 'object' && TO_VISUAL[layout.value]
    ? { ...d, layout: layout.value, visual: { ...d.visual, layout: TO_VISUAL[layout.value] } }
    : { ...d, layout: layout.value })));
  const move = (delta) => () => moveScene(key, delta);
  const plain = plainFields(schema).map((field) => {
    const row = plainControl(field);
    const control = row.querySelector('[data-field]');
    control.addEventListener(control.tagName === 'SELECT' ? 'change' : 'input',
                             change((d) => ({ ...d, [field.name]: readPlain(control, field) })));
    return row;
  });
  const visual = createVisualPanel(key, {
    editVisual: (fn) => updateScene(key, (d) => withVisual(d, fn(d.visual))),
    editScene: (fn) => updateScene(key, fn),
    setJsonError: (message) => setEditor((ed) => ({ jsonErrors: { ...ed.jsonErrors, [key]: message || undefined } })),
  });
  const node = h('li', { class: 'scene' },
    h('div', { class: 'scene-head' },
      h('h3', { class: 'scene-number' }),
      h('span', { class: 'pill scene-seconds', 'aria-live': 'off' }),
      h('span', { class: 'spacer' }),
      h('label', { class: 'visually-hidden', for: ids.layout, text: 'Layout' }), layout,
      h('button', { type: 'button', class: 'icon up', onclick: move(-1), text: '↑' }),
      h('button', { type: 'button', class: 'icon down', onclick: move(1), text: '↓' }),
      h('button', { type: 'button', class: 'ghost danger remove', onclick: () => removeScene(key), text: 'Remove' })),
    h('div', { class: 'scene-body' },
      visual.picture,
      h('div', { class: 'scene-fields' },
        h('div', { class: 'field', dataset: { field: 'text' } }, h('label', { for: ids.text, text: 'Narration' }), text),
        h('div', { class: 'field', dataset: { field: 'on_screen' } },
          h('label', { for: ids.screen }, 'On-screen text ', h('span', { class: 'muted', text: '(one line each)' })), screen),
        h('div', { class: 'field', dataset: { field: 'media' } },
          h('label', { for: ids.media }, 'Picture or video ', h('span', { class: 'muted', text: '(optional, under the server’s folder)' })),
          h('div', { class: 'row' }, media,
            h('label', { class: 'button ghost upload-button', for: uploadInput.id, text: 'Upload…' }), uploadInput)),
        h('details', { class: 'more' }, h('summary', { text: 'More fields' }), ...plain,
          h('p', { class: 'muted kept' })))),
    visual.editor);
  node._visual = visual;
  return node;
}

function updateScene_(node, scene, index) {
  const { editor, estimate } = store.get();
  const n = index + 1;
  const data = scene.data;
  setText(node.querySelector('.scene-number'), `Scene ${n}`);
  node.setAttribute('aria-label', `Scene ${n}`);
  node.querySelector('.text').setAttribute('aria-label', `Narration of scene ${n}`);
  node.querySelector('.up').setAttribute('aria-label', `Move scene ${n} up`);
  node.querySelector('.down').setAttribute('aria-label', `Move scene ${n} down`);
  node.querySelector('.remove').setAttribute('aria-label', `Remove scene ${n}`);
  node.querySelector('.up').disabled = index === 0;
  node.querySelector('.down').disabled = index === editor.scenes.length - 1;
  const seconds = estimate?.bySeq?.[n];
  setText(node.querySelector('.scene-seconds'), seconds ? `≈ ${seconds.toFixed(1)} s` : '—');
  node.querySelector('.scene-seconds').title = 'How long this scene runs, from its words';
  setValue(node.querySelector('.text'), data.text);
  const screen = node.querySelector('.on-screen');
  if (document.activeElement !== screen) {  // while typing, the lines are being written: leave them be
    setValue(screen, screenLines(data).join('\n'));
  }
  setValue(node.querySelector('.media'), data.media);
  const layout = node.querySelector('.layout');
  setValue(layout, data.layout || layout.options[0]?.value);
  for (const control of node.querySelectorAll('.more .plain')) {
    if (document.activeElement !== control) setValue(control, data[control.dataset.field]);
  }
  const { schema } = store.get();
  const kept = Object.keys(data).filter((k) => !schema.known.has(k));
  setText(node.querySelector('.kept'), kept.length ? `Also kept as they are: ${kept.join(', ')}.` : '');
  // the server's message next to the field it names
  const loc = editor.error?.loc;
  const mine = loc && loc.scene === n && !loc.visual;
  for (const row of node.querySelectorAll('.scene-fields .field, .scene-head')) {
    const field = row.dataset.field || 'layout';
    setError(row, mine && (loc.field || 'text') === field ? plain(editor.error.message) : null);
  }
  node._visual.update(scene, index, editor, store.get(), sceneChanged(editor, scene));
}

function moveScene(key, delta) {
  setEditor((ed) => {
    const scenes = [...ed.scenes];
    const i = scenes.findIndex((s) => s.key === key);
    const j = i + delta;
    if (j < 0 || j >= scenes.length) return {};
    [scenes[i], scenes[j]] = [scenes[j], scenes[i]];
    return { scenes };
  });
  // the moved scene keeps the focus, on the same button if it can still be used
  const node = $('scenes').querySelector(`[data-key="${key}"]`);
  const button = node?.querySelector(delta < 0 ? '.up' : '.down');
  (button && !button.disabled ? button : node?.querySelector(delta < 0 ? '.down' : '.up'))?.focus();
}

function removeScene(key) {
  const ed = store.get().editor;
  if (ed.scenes.length === 1) { showError('A script needs at least one scene.'); return; }
  const i = ed.scenes.findIndex((s) => s.key === key);
  setEditor({ scenes: ed.scenes.filter((s) => s.key !== key) });
  const next = $('scenes').children[Math.min(i, ed.scenes.length - 2)];
  next?.querySelector('.text')?.focus();
}

function addScene() {
  const { schema } = store.get();
  const scene = { key: newKey('scene'), savedSeq: null, data: { text: '', layout: schema.layouts[0]?.value } };
  setEditor((ed) => ({ scenes: [...ed.scenes, scene] }));
  $('scenes').lastElementChild.querySelector('.text').focus();
}

// -- the whole editor ---------------------------------------------------------------------------------
function draw() {
  const { editor, estimate } = store.get();
  if (!editor) return;
  setValue($('script-title'), editor.title);
  setText($('version-label'), `version ${editor.version}`);
  setError($('title-field'), editor.error?.loc?.field === 'title' ? plain(editor.error.message) : null);
  renderList($('scenes'), editor.scenes, { key: (s) => s.key, create: createScene, update: updateScene_ });
  const dirty = isDirty(editor);
  // after a refused save its note stays until the next save: "unsaved" would hide why
  setText($('save-state'), editor.error || editor.pendingNote || !dirty ? editor.note : 'Unsaved changes');
  $('save-state').classList.toggle('dirty', dirty);
  $('save-script').disabled = editor.saving;
  setText($('total-seconds'), estimate?.total ? `about ${Math.round(estimate.total)} s in all` : '');
}

// Lengths come from the server's own rule (POST /api/estimate), for the text as it is now, saved or not.
const estimate = debounce(async () => {
  const editor = store.get().editor;
  if (!editor) return;
  const script = collect(editor);
  // only what the length depends on; a scene still without words has no length yet
  const scenes = script.scenes.filter((s) => s.text?.trim())
    .map((s) => ({ seq: s.seq, text: s.text, ...(typeof s.duration_sec === 'number' ? { duration_sec: s.duration_sec } : {}) }));
  if (!scenes.length) { store.set({ estimate: null }); return; }
  try {
    const { data } = await call('POST', '/api/estimate', { script: { title: script.title || 'untitled', scenes } });
    store.set({ estimate: { bySeq: Object.fromEntries(data.scenes.map((s) => [s.seq, s.seconds])),
                            total: data.total_seconds } });
  } catch {
    // a value the server refuses (a length over its limit): the field's own check says so on save
  }
}, 350);

function drawVersions(versions) {
  const ed = store.get().editor;
  renderList($('versions'), versions?.versions || [], {
    key: (v) => v.version,
    create: (v) => h('li', {}, h('span', { class: 'version-name' }), h('span', { class: 'muted version-note' }),
      h('button', { type: 'button', class: 'ghost small restore', text: 'Load into the editor',
                    onclick: () => restore(v.version).catch(showError) })),
    update: (li, v) => {
      const current = v.version === ed?.version;
      setText(li.querySelector('.version-name'), `Version ${v.version}${current ? ' (current)' : ''}`);
      const when = v.created ? new Date(v.created * 1000).toLocaleString() : '';
      setText(li.querySelector('.version-note'), [v.note, when].filter(Boolean).join(' · '));
      li.querySelector('.restore').hidden = current;
    },
  });
}

async function restore(version) {
  const ed = store.get().editor;
  const { data } = await call('GET', `/api/script/${encodeURIComponent(ed.token)}?version=${version}`);
  const draft = draftFrom(data);
  // the old text becomes unsaved changes; saving makes it the newest version (nothing is lost)
  setEditor({ ...draft, scenes: draft.scenes.map((s) => ({ ...s, savedSeq: null })), error: null, stored: {},
              note: `Version ${version} is in the editor; save to make it the current version.`, pendingNote: true });
}

export function initEditor() {
  $('script-title').addEventListener('input', (e) => setEditor({ title: e.target.value }));
  $('add-scene').addEventListener('click', addScene);
  $('save-script').addEventListener('click', () => save().catch(() => {}));
  watch((s) => s.editor, draw);
  watch((s) => s.estimate, draw);
  watch((s) => s.aspect, draw);
  watch((s) => s.versions, drawVersions);
  watch((s) => s.editor?.scenes, estimate);
  watch((s) => s.editor?.title, estimate);
  window.addEventListener('beforeunload', (e) => { if (isDirty()) e.preventDefault(); });
}

