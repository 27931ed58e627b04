// Asking for scripts (a topic, optionally the person's own notes) and the three variations as cards.
import { call } from './api.js';
import { $, h, renderList, setOptions, setText } from './dom.js';
import { openScript } from './editor.js';
import { connect, on } from './events.js';
import { clearMessage, showError, whyNot } from './messages.js';
import { store, watch } from './state.js';

const COUNT = 3;         // what POST /submit writes
const MAX_NOTES = 500_000;  // the server's limit on `source`
let batches = 0;

const patchCard = (index, patch) => store.set((s) => ({
  cards: s.cards.map((c) => (c.index === index ? { ...c, ...patch } : c)),
}));

// -- asking -----------------------------------------------------------------------------------
// A message next to what caused it: under its field, scrolled into view, the field focused and marked.
const FIELDS = { topic: ['topic', 'topic-error'], notes: ['notes', 'notes-error'], writer: ['writer', 'writer-error'],
                 form: ['write-button', 'write-error'] };

export function clearFieldErrors() {
  for (const [control, note] of Object.values(FIELDS)) {
    $(note).hidden = true;
    setText($(note), '');
    if (control !== 'write-button') { $(control).removeAttribute('aria-invalid'); $(control).removeAttribute('aria-errormessage'); }
  }
}

function fieldError(where, message) {
  const [control, note] = FIELDS[where];
  setText($(note), message);
  $(note).hidden = false;
  if (where === 'notes') $('notes-option').open = true;
  if (control !== 'write-button') {
    $(control).setAttribute('aria-invalid', 'true');
    $(control).setAttribute('aria-errormessage', note);
  }
  $(note).scrollIntoView({ block: 'center', behavior: 'instant' });
  $(control).focus({ preventScroll: true });
}

// Which field a refusal of the server is about, by what it names
function fieldOf(err) {
  const text = String(err?.message || err);
  if (/\bwriter\b/.test(text)) return 'writer';
  if (/\b(notes|source|document)\b/i.test(text)) return 'notes';
  if (/^text\b|\btopic\b/.test(text)) return 'topic';
  return 'form';
}

async function submit(event) {
  event.preventDefault();
  clearMessage();
  clearFieldErrors();
  const topic = $('topic').value.trim();
  const notes = $('notes-option').open ? $('notes').value.trim() : '';
  if (!topic && !notes) {
    fieldError('topic', $('notes-option').open
      ? 'Type a topic, or paste your notes below: their first heading becomes the title.'
      : 'Type a topic first, for example “how rainbows form”, or write from your notes.');
    return;
  }
  if (notes.length > MAX_NOTES) {
    fieldError('notes', 'Those notes are too long: keep them under 500,000 characters.');
    return;
  }
  $('write-button').disabled = true;
  try {
    const chatID = await connect();
    const id = ++batches;
    store.set({
      batch: { id, source: Boolean(notes), scaffold: notes ? false : null, noteDismissed: false },
      cards: Array.from({ length: COUNT }, (_, index) => ({ index, status: 'pending' })),
    });
    // the old API's uid names who writes: the signed-in person (a server with users checks it); with notes
    // and no topic the server titles the scripts by the notes' first heading
    const body = { text: topic, uid: store.get().user || 'studio', chatID };
    if (notes) body.source = notes;
    const writer = $('writer').value;
    if (writer && writer !== store.get().writers?.default) body.llm = writer;
    const { data } = await call('POST', '/submit', body);
    // the answer carries every script ready by now: fill any card no event has filled yet
    data.scripts.forEach((script) => {
      const index = data.tokens.indexOf(script.token);
      if (index >= 0 && store.get().batch?.id === id && store.get().cards[index]?.status !== 'ready') {
        ready(index, script.token, script);
      }
    });
  } catch (err) {
    store.set((s) => ({ cards: s.cards.filter((c) => c.status !== 'pending') }));
    fieldError(fieldOf(err), err.message || String(err));
  } finally {
    $('write-button').disabled = false;
  }
}

function ready(index, token, script) {
  patchCard(index, { status: 'ready', token, script, seconds: null });
  call('POST', '/api/estimate', { script }).then(({ data }) => {
    if (store.get().cards[index]?.token === token) patchCard(index, { seconds: data.total_seconds });
  }, () => {});  // a card without its length is still a card
  const batch = store.get().batch;
  if (batch && batch.scaffold === null) {
    store.set({ batch: { ...batch, scaffold: false } });  // asked once per batch, for its first script
    call('GET', `/api/script/${encodeURIComponent(token)}/versions`).then(({ data }) => {
      if (store.get().batch?.id === batch.id) store.set((s) => ({ batch: { ...s.batch, scaffold: data.scaffold } }));
    }, () => {});
  }
}

async function loadNotesFile(event) {
  const file = event.target.files[0];
  if (!file) return;
  try {
    if (file.size > MAX_NOTES) throw new Error('That document is too large; keep it under 500 KB of text.');
    const text = await file.text();
    if (text.includes('\u0000')) throw new Error('That file is not plain text. Use a .txt or .md file.');
    $('notes').value = text;
    $('notes').focus();
  } catch (err) {
    fieldError('notes', err.message);
  }
  event.target.value = '';
}

// -- showing --------------------------------------------------------------------------------------
function excerpt(text, n = 96) {
  return text.length > n ? `${text.slice(0, n - 2).trimEnd()}…` : text;
}

function createCard(card) {
  const node = h('article', { class: 'card', 'aria-labelledby': `card-title-${card.index}` },
    h('p', { class: 'card-kicker' }),
    // the create panel's title is the h1: its cards' titles are the next level (axe: heading-order)
    h('h2', { id: `card-title-${card.index}`, class: 'card-title' }),
    h('p', { class: 'meta' }),
    h('ol', { class: 'card-scenes' }),
    h('button', { type: 'button', class: 'primary pick', text: 'Use this script',
                  onclick: () => { const c = store.get().cards[card.index]; if (c?.token) openScript(c.token).catch(showError); } }));
  return node;
}

function updateCard(node, card) {
  const chosen = card.status === 'ready' && card.token === store.get().editor?.token;
  node.className = `card ${card.status}${chosen ? ' chosen' : ''}`;
  node.setAttribute('aria-busy', String(card.status === 'pending'));
  setText(node.querySelector('.card-kicker'), `Variation ${card.index + 1} of ${COUNT}`);
  const title = node.querySelector('.card-title');
  const meta = node.querySelector('.meta');
  const pick = node.querySelector('.pick');
  const scenes = card.script?.scenes || [];
  if (card.status === 'pending') {
    setText(title, 'Writing…');
    setText(meta, 'This takes a few seconds.');
  } else if (card.status === 'failed') {
    setText(title, 'Could not be written');
    // the same reason for several variations is said once, on the first
    const first = store.get().cards.find((c) => c.status === 'failed' && c.error === card.error);
    setText(meta, first && first.index !== card.index ? `The same reason as variation ${first.index + 1}.` : card.error || '');
  } else {
    setText(title, card.script.title);
    const length = card.seconds ? ` · about ${Math.round(card.seconds)} s` : '';
    setText(meta, `${scenes.length} scene${scenes.length === 1 ? '' : 's'}${length}`);
  }
  renderList(node.querySelector('.card-scenes'), scenes.slice(0, 5), {
    key: (s, i) => i,
    create: () => h('li'),
    update: (li, s) => setText(li, excerpt(s.text || '')),
  });
  pick.hidden = card.status !== 'ready';
  setText(pick, chosen ? 'Editing this script' : 'Use this script');
  // the name starts with the words the button shows (WCAG 2.5.3: label in name)
  pick.setAttribute('aria-label', `${chosen ? 'Editing this script' : 'Use this script'}: ${card.script?.title || ''}`);
}

function drawCards() {
  const { cards } = store.get();
  renderList($('cards'), cards, { key: (c) => c.index, create: createCard, update: updateCard });
}

function drawNote() {
  const { batch, writers } = store.get();
  const show = Boolean(batch?.scaffold && !batch.noteDismissed && writers?.scaffold_note);
  $('scaffold-note').hidden = !show;
  if (show) setText($('scaffold-text'), writers.scaffold_note);
}

function drawWriters(writers) {
  if (!writers) return;
  const options = writers.providers.map((p) => ({
    value: p.name,
    label: `${p.name}${p.name === writers.default ? ' (default)' : ''}${p.ready ? '' : ' — not ready'}`,
    disabled: !p.ready, title: p.ready ? p.summary : whyNot(p),
  }));
  setOptions($('writer'), options, $('writer').value || writers.default);
  // each writer that cannot work here, greyed in the menu and said here once, with what would make it work
  renderList($('writer-notes'), writers.providers.filter((p) => !p.ready), {
    key: (p) => p.name,
    create: () => h('li', {}, h('strong'), ' ', h('span', { class: 'detail' })),
    update: (li, p) => {
      setText(li.querySelector('strong'), `${p.name}:`);
      setText(li.querySelector('.detail'), whyNot(p));
    },
  });
  describeWriter();
}

function describeWriter() {
  const chosen = store.get().writers?.providers.find((p) => p.name === $('writer').value);
  setText($('writer-hint'), chosen ? `${chosen.name}: ${chosen.summary}` : '');
}

export function initCards() {
  $('topic-form').addEventListener('submit', submit);
  // with notes the topic may stay empty: the notes' first heading is the title
  const placeholder = $('topic').placeholder;
  $('notes-option').addEventListener('toggle', () => {
    $('topic').placeholder = $('notes-option').open ? 'Optional with notes: their first heading is the title' : placeholder;
  });
  $('notes-file').addEventListener('change', loadNotesFile);
  $('writer').addEventListener('change', describeWriter);
  $('scaffold-notes').addEventListener('click', () => {
    $('notes-option').open = true;
    $('notes').focus();
  });
  $('scaffold-dismiss').addEventListener('click', () => {
    store.set((s) => ({ batch: { ...s.batch, noteDismissed: true } }));
  });
  on('script_ready', (e) => {
    // scriptIndex counts from 1, as the replaced system sent it
    const index = e.scriptIndex - 1;
    if (store.get().cards[index]?.status === 'pending') ready(index, e.readyToken, e.data);
  });
  on('script_failed', (e) => patchCard(e.scriptIndex - 1, { status: 'failed', error: e.error }));
  // the last word on a batch: any script whose own event was missed fills the cards still waiting, in order
  on('all_scripts_complete', (e) => {
    const shown = new Set(store.get().cards.map((c) => c.token));
    const missing = (e.allScripts || []).filter((script) => !shown.has(script.token));
    for (const card of store.get().cards.filter((c) => c.status === 'pending')) {
      const script = missing.shift();
      if (script) ready(card.index, script.token, script);
    }
  });
  watch((s) => s.cards, drawCards);
  watch((s) => s.editor?.token, drawCards);
  watch((s) => s.batch, drawNote);
  watch((s) => s.writers, (w) => { drawWriters(w); drawNote(); });
}
