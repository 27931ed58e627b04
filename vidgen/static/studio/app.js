// The studio's entry: wires the parts together and loads what they need from the server.
import { apiKey, call, onKeyNeeded, setApiKey } from './api.js';
import { initCards } from './cards.js';
import { $ } from './dom.js';
import { initEditor, openScript } from './editor.js';
import { connect } from './events.js';
import { initLibrary, refreshLibrary } from './library.js';
import { initMessages, showError } from './messages.js';
import { initRender } from './render.js';
import { loadSchema } from './schema.js';
import { store } from './state.js';

// -- the API key: asked for when the server answers 401, kept in this browser only ----------------------
function promptKey() {
  return new Promise((resolve) => {
    const dialog = $('key-dialog');
    $('key-input').value = apiKey();
    dialog.returnValue = '';
    dialog.onclose = () => {
      if (dialog.returnValue === 'save') { setApiKey($('key-input').value.trim()); resolve(true); }
      else resolve(false);
    };
    dialog.showModal();
  });
}

// `#script=TOKEN` opens that script in the editor: a link to come back to, or to share on this server.
function openFromHash() {
  const match = /^#script=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (match && store.get().editor?.token !== match[1]) openScript(match[1]).catch(showError);
}

async function start() {
  initMessages();
  onKeyNeeded(promptKey);
  $('key-button').addEventListener('click', () => promptKey());
  initCards();
  initEditor();
  initRender();
  initLibrary();
  const load = (url, slice) => call('GET', url).then(({ data }) => store.set({ [slice]: data }));
  // the first call may ask for the key; the others wait for that answer (api.js shares one prompt)
  await Promise.all([loadSchema(), load('/api/writers', 'writers'), load('/api/voices', 'voices'),
                     load('/api/options', 'options'), refreshLibrary()]).catch(showError);
  connect().catch(showError);
  openFromHash();
  window.addEventListener('hashchange', openFromHash);
}

start();
