// Asking for scripts (a topic, optionally the person's own notes) and the three variations as cards.
import { call } from './api.js';
import { $, h, renderList, setOptions, setText } from './dom.js';
import { openScript } from './editor.js';
import { connect, on } from './events.js';
import { clearMessage, showError } from './messages.js';
import { store, watch } from './state.js';

const COUNT = 3;         // what POST /submit writes
const MAX_NOTES = 500_000;  // the server's limit on `source`
let batches = 0;

const patchCard = (index, patch) => store.set((s) => ({
  cards: s.cards.map((c) => (c.index === index ? { ...c, ...patch } : c)),
}));

// -- asking -----------------------------------------------------------------------------------
async function submit(event) {
  event.preventDefault();
  clearMessage();
  const topic = $('topic').value.trim();
  if (!topic) {
    showError('Type a topic first, for example “how rainbows form”.');
    $('topic').focus();
    return;
  }
  const notes = $('notes-option').open ? $('notes').value.trim() : '';
  if (notes.length > MAX_NOTES) {
    showError('Those notes are too long: keep them under 500,000 characters.');
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
    // the old API's uid names who writes: the signed-in person (a server with users checks it)
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
    showError(err);
    store.set((s) => ({ cards: s.cards.filter((c) => c.status !== 'pending') }));
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
    showError(err);
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
    h('h3', { id: `card-title-${card.index}` }),
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
  const title = node.querySelector('h3');
  const meta = node.querySelector('.meta');
  const pick = node.querySelector('.pick');
  const scenes = card.script?.scenes || [];
  if (card.status === 'pending') {
    setText(title, 'Writing…');
    setText(meta, 'This takes a few seconds.');
  } else if (card.status === 'failed') {
    setText(title, 'Could not be written');
    setText(meta, card.error || '');
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
  pick.setAttribute('aria-label', chosen ? `Editing ${card.script.title}` : `Use this script: ${card.script?.title || ''}`);
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
    label: `${p.name}${p.name === writers.default ? ' (default)' : ''}${p.ready ? '' : ' — not set up'}`,
    disabled: !p.ready, title: p.ready ? p.summary : `${p.detail}${p.fix ? `. ${p.fix}` : ''}`,
  }));
  setOptions($('writer'), options, $('writer').value || writers.default);
  describeWriter();
}

function describeWriter() {
  const chosen = store.get().writers?.providers.find((p) => p.name === $('writer').value);
  setText($('writer-hint'), chosen ? `${chosen.name}: ${chosen.summary}` : '');
}

export function initCards() {
  $('topic-form').addEventListener('submit', submit);
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
