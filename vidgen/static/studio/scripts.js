// The library's scripts: every script the person has written, rendered or not, newest first, so a
// reload never loses one. "Open" brings it into the editor; older ones come a page at a time.
import { call } from './api.js';
import { $, h, renderList, setText } from './dom.js';
import { openScript } from './editor.js';
import { on } from './events.js';
import { showError } from './messages.js';
import { store, watch } from './state.js';

const PAGE = 20;

const setLibrary = (patch) => store.set((s) => ({ library: { ...s.library, ...patch } }));

// The newest page again (what a new or saved script changes); the older pages shown are kept after it.
export async function refreshScripts() {
  const { data } = await call('GET', `/api/scripts?limit=${PAGE}`);
  const shown = store.get().library.scripts || [];
  const fresh = new Set(data.scripts.map((s) => s.token));
  const older = data.next ? shown.filter((s) => !fresh.has(s.token) && s.updated < data.scripts.at(-1).updated) : [];
  setLibrary({ scripts: [...data.scripts, ...older],
               scriptsNext: older.length ? store.get().library.scriptsNext : data.next });
}

async function showOlder() {
  const next = store.get().library.scriptsNext;
  if (!next) return;
  $('more-scripts').disabled = true;
  try {
    const { data } = await call('GET', `/api/scripts?limit=${PAGE}&before=${encodeURIComponent(next)}`);
    const shown = store.get().library.scripts || [];
    const have = new Set(shown.map((s) => s.token));
    setLibrary({ scripts: [...shown, ...data.scripts.filter((s) => !have.has(s.token))], scriptsNext: data.next });
  } catch (err) {
    showError(err);
  } finally {
    $('more-scripts').disabled = false;
  }
}

function changed(seconds) {
  if (!seconds) return '';
  const date = new Date(seconds * 1000);
  return `changed ${date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}`;
}

function state(s) {
  if (s.status === 'pending') return 'being written';
  if (s.status === 'failed') return 'could not be written';
  if (!s.rendered) return 'not rendered yet';
  const versions = s.rendered_versions || [];
  return versions.length && versions.at(-1) !== s.versions ? `rendered (version ${versions.at(-1)})` : 'rendered';
}

function drawScripts(scripts) {
  const editing = store.get().editor?.token;
  renderList($('script-list'), scripts || [], {
    key: (s) => s.token,
    create: (s) => h('li', { class: 'script' },
      h('div', { class: 'entry-main' }, h('span', { class: 'script-title' }), h('span', { class: 'muted meta' })),
      h('button', { type: 'button', class: 'ghost small open', text: 'Open',
                    onclick: () => openScript(s.token).catch(showError) })),
    update: (li, s) => {
      const title = s.title || (s.status === 'ready' ? 'Untitled' : s.topic) || 'Untitled';
      setText(li.querySelector('.script-title'), title);
      const versions = s.versions ? `${s.versions} version${s.versions === 1 ? '' : 's'}` : '';
      setText(li.querySelector('.meta'), [changed(s.updated), versions, state(s)].filter(Boolean).join(' · '));
      li.dataset.rendered = String(Boolean(s.rendered));
      li.classList.toggle('current', s.token === editing);
      const open = li.querySelector('.open');
      open.hidden = s.status === 'pending';
      // the name starts with what the button shows (WCAG 2.5.3), then says which script
      open.setAttribute('aria-label', `Open ${title}`);
      if (s.token === editing) open.setAttribute('aria-current', 'true'); else open.removeAttribute('aria-current');
    },
    empty: () => h('li', { class: 'muted', text: scripts ? 'No scripts yet: write some above.' : 'Loading…' }),
  });
  $('more-scripts').hidden = !store.get().library.scriptsNext;
}

export function initScripts() {
  $('more-scripts').addEventListener('click', showOlder);
  const again = () => refreshScripts().catch(() => {});
  // a script written, failed or saved elsewhere in the page changes the list's first rows
  for (const type of ['script_ready', 'script_failed', 'all_scripts_complete', 'script_updated']) on(type, again);
  watch((s) => s.editor?.version, (version) => { if (version) again(); });
  watch((s) => s.library.scripts, drawScripts);
  watch((s) => s.editor?.token, () => drawScripts(store.get().library.scripts));
}
