// The studio's entry: signs the person in when the server wants a key, wires the parts together and
// loads what they need from the server.
import { call, onSignedOut, session, signIn, signOut } from './api.js';
import { initCards } from './cards.js';
import { $, setText } from './dom.js';
import { initEditor, openScript } from './editor.js';
import { connect } from './events.js';
import { initLibrary, refreshLibrary } from './library.js';
import { initMessages, showError } from './messages.js';
import { initRender } from './render.js';
import { loadSchema } from './schema.js';
import { store } from './state.js';

// -- signing in: the sign-in page replaces the studio until the server knows who this is -----------------------
function showSignIn(message = '') {
  document.body.classList.add('signed-out');
  $('main').hidden = true;
  $('who').hidden = true;
  $('signin').hidden = false;
  const error = $('signin-error');
  error.hidden = !message;
  setText(error, message);
  $('signin-key').focus();
}

function waitForSignIn() {
  showSignIn();
  return new Promise((resolve) => {
    $('signin-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const key = $('signin-key').value.trim();
      if (!key) { showSignIn('Paste your key first.'); return; }
      $('signin-button').disabled = true;
      try {
        const who = await signIn(key);
        $('signin-key').value = '';  // the browser keeps only the session cookie
        resolve(who);
      } catch (err) {
        showSignIn(err.message);
      } finally {
        $('signin-button').disabled = false;
      }
    });
  });
}

function showWho(who) {
  document.body.classList.remove('signed-out');
  $('signin').hidden = true;
  $('main').hidden = false;
  $('who').hidden = !who.needed;
  setText($('who-name'), who.user || '');
  $('who').title = who.admin ? 'An admin: the library shows everyone’s work' : '';
}

// `#script=TOKEN` opens that script in the editor: a link to come back to, or to share on this server.
function openFromHash() {
  const match = /^#script=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (match && store.get().editor?.token !== match[1]) openScript(match[1]).catch(showError);
}

async function start() {
  sessionStorage.removeItem('vidgen.reloaded');  // loaded whole: a later dropped file may reload once again
  initMessages();
  localStorage.removeItem('vidgen.apiKey');  // older studios kept the key here; the session replaces it
  let who = await session().catch((err) => { showError(err); return null; });
  if (!who) return;
  if (!who.signed_in) who = await waitForSignIn();
  showWho(who);
  store.set({ user: who.user || null });
  // a session that ends while the page is open (expired, key rotated): back to the sign-in page
  onSignedOut(() => location.reload());
  $('sign-out').addEventListener('click', async () => { await signOut(); location.reload(); });
  initCards();
  initEditor();
  initRender();
  initLibrary();
  const load = (url, slice) => call('GET', url).then(({ data }) => store.set({ [slice]: data }));
  await Promise.all([loadSchema(), load('/api/writers', 'writers'), load('/api/voices', 'voices'),
                     load('/api/options', 'options'), refreshLibrary()]).catch(showError);
  connect().catch(showError);
  openFromHash();
  window.addEventListener('hashchange', openFromHash);
}

start();
