import { ApiError, apiKey, call, ensureSession, events, onKeyNeeded, setApiKey, upload } from './api.js';

const $ = (id) => document.getElementById(id);
const state = { chatID: null, source: null, tokens: [], cards: new Map(), token: null, version: 0,
                script: null, jobId: null };

// -- messages ---------------------------------------------------------------------------
function showError(err) {
  const text = err instanceof ApiError || err instanceof Error ? err.message : String(err);
  $('banner').className = 'banner';
  $('banner-text').textContent = text;
  $('banner').hidden = false;
}
function showInfo(text) {
  $('banner').className = 'banner info';
  $('banner-text').textContent = text;
  $('banner').hidden = false;
}
$('banner-close').addEventListener('click', () => { $('banner').hidden = true; });
window.addEventListener('unhandledrejection', (e) => showError(e.reason));

// -- the API key --------------------------------------------------------------------------
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
onKeyNeeded(promptKey);
$('key-button').addEventListener('click', () => promptKey());

// -- writing scripts ----------------------------------------------------------------------
const seconds = (script) => Math.round(script.scenes.reduce((n, s) => n + s.text.split(/\s+/).length, 0) / 2.6
  + script.scenes.length * 1.1);

function renderCard(index) {
  const cards = $('cards');
  let card = cards.children[index];
  const entry = state.cards.get(index);
  if (!card) { card = document.createElement('article'); cards.append(card); }
  card.innerHTML = '';
  if (!entry) {
    card.className = 'card pending';
    card.textContent = 'Writing variation ' + (index + 1) + '…';
    return;
  }
  card.className = 'card' + (entry.token === state.token ? ' chosen' : '');
  const h = document.createElement('h3'); h.textContent = entry.script.title;
  const meta = document.createElement('div'); meta.className = 'meta';
  meta.textContent = `${entry.script.scenes.length} scenes · about ${seconds(entry.script)} s`;
  const list = document.createElement('ol');
  for (const scene of entry.script.scenes.slice(0, 6)) {
    const li = document.createElement('li');
    li.textContent = scene.text.length > 90 ? scene.text.slice(0, 88) + '…' : scene.text;
    list.append(li);
  }
  const pick = document.createElement('button');
  pick.className = 'primary'; pick.type = 'button'; pick.textContent = 'Use this script';
  pick.addEventListener('click', () => choose(entry.token).catch(showError));
  card.append(h, meta, list, pick);
}

function onEvent(event) {
  if (event.type === 'script_ready') {
    // scriptIndex counts from 1, as the replaced system sent it
    state.cards.set(event.scriptIndex - 1, { token: event.readyToken, script: event.data });
    renderCard(event.scriptIndex - 1);
  } else if (event.type === 'script_failed') {
    showError(`Variation ${event.scriptIndex} could not be written: ${event.error}`);
  } else if (event.type === 'all_scripts_complete') {
    $('write-button').disabled = false;
  } else if (event.job_id && event.job_id === state.jobId) {
    onJob(event);
  }
}

async function connect() {
  await ensureSession();
  state.source?.close();
  state.chatID = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
  state.source = events(state.chatID, onEvent, () => showError('The live connection to the server was lost.'));
}

async function readDocument() {
  const file = $('source-file').files[0];
  if (!file) return undefined;
  if (file.size > 400_000) throw new Error('That document is too large; keep it under 400 KB of text.');
  const text = await file.text();
  if (text.includes('\u0000')) throw new Error('That file is not plain text. Use a .txt or .md file.');
  return text;
}

$('topic-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('banner').hidden = true;
  const topic = $('topic').value.trim();
  if (!topic) { showError('Type a topic first, for example “how rainbows form”.'); return; }
  $('write-button').disabled = true;
  try {
    const source = await readDocument();
    await connect();
    state.cards.clear();
    $('cards').innerHTML = '';
    for (let i = 0; i < 3; i++) renderCard(i);
    const body = { text: topic, uid: 'studio', chatID: state.chatID };
    if (source) body.source = source;
    const { data } = await call('POST', '/submit', body);
    state.tokens = data.tokens;
    // the answer carries every ready script too: fill any card an event has not filled yet
    data.scripts.forEach((script) => {
      const index = data.tokens.indexOf(script.token);
      if (!state.cards.has(index)) { state.cards.set(index, { token: script.token, script }); renderCard(index); }
    });
  } catch (err) {
    showError(err);
  } finally {
    $('write-button').disabled = false;
  }
});

// -- editing ------------------------------------------------------------------------------
async function choose(token) {
  const { data } = await call('GET', `/api/script/${token}`);
  state.token = token;
  loadScript(data, data.version);
  state.cards.forEach((_, i) => renderCard(i));
  $('editor').hidden = false;
  $('result').hidden = true;
  $('progress').hidden = true;
  $('editor').scrollIntoView({ behavior: 'smooth', block: 'start' });
  await loadHistory();
}

function loadScript(data, version) {
  const { token, status, version: _v, ...script } = data;
  state.script = script;
  state.version = version;
  $('version-label').textContent = `version ${version}`;
  $('script-title').value = script.title;
  const list = $('scenes');
  list.innerHTML = '';
  script.scenes.forEach((scene) => list.append(sceneItem(scene)));
  renumber();
}

function sceneItem(scene) {
  const node = $('scene-template').content.firstElementChild.cloneNode(true);
  node.dataset.extra = JSON.stringify(Object.fromEntries(Object.entries(scene)
    .filter(([k]) => !['seq', 'text', 'layout', 'on_screen', 'media'].includes(k))));
  node.querySelector('.text').value = scene.text || '';
  node.querySelector('.layout').value = scene.layout || 'title_and_main_content';
  const lines = Array.isArray(scene.on_screen) ? scene.on_screen.join('\n') : (scene.on_screen || '');
  node.querySelector('.on-screen').value = lines;
  node.querySelector('.media').value = scene.media || '';
  node.querySelector('.upload').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    try {
      node.querySelector('.media').value = (await upload(file)).path;
      showInfo(`Uploaded ${file.name}; save the script to use it.`);
    } catch (err) { showError(err); }
    e.target.value = '';
  });
  node.querySelector('.remove').addEventListener('click', () => { node.remove(); renumber(); });
  node.querySelector('.up').addEventListener('click', () => {
    if (node.previousElementSibling) node.parentNode.insertBefore(node, node.previousElementSibling); renumber(); });
  node.querySelector('.down').addEventListener('click', () => {
    if (node.nextElementSibling) node.parentNode.insertBefore(node.nextElementSibling, node); renumber(); });
  return node;
}

function renumber() {
  [...$('scenes').children].forEach((node, i) => {
    node.querySelector('.scene-number').textContent = `Scene ${i + 1}`;
    node.querySelector('.text').setAttribute('aria-label', `Narration of scene ${i + 1}`);
  });
}

function collect() {
  const scenes = [...$('scenes').children].map((node, i) => {
    const scene = { ...JSON.parse(node.dataset.extra || '{}'), seq: i + 1,
                    text: node.querySelector('.text').value, layout: node.querySelector('.layout').value };
    const lines = node.querySelector('.on-screen').value.split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.length) scene.on_screen = lines;
    const media = node.querySelector('.media').value.trim();
    if (media) scene.media = media;
    return scene;
  });
  return { ...state.script, title: $('script-title').value, scenes };
}

$('add-scene').addEventListener('click', () => {
  $('scenes').append(sceneItem({ text: '', layout: 'title_and_main_content' }));
  renumber();
  $('scenes').lastElementChild.querySelector('.text').focus();
});

async function save() {
  const { data } = await call('POST', `/update_script/${state.token}`, { script: collect(), chatID: state.chatID });
  state.script = data.script;
  state.version = data.version;
  $('version-label').textContent = `version ${data.version}`;
  $('save-state').textContent = `Saved as version ${data.version}.`;
  $('banner').hidden = true;  // a note from before the save (an upload, an error) no longer applies
  await loadHistory();
  return data;
}
$('save-script').addEventListener('click', () => save().catch(showError));

async function loadHistory() {
  const list = $('versions');
  list.innerHTML = '';
  for (let v = state.version; v >= 1 && v > state.version - 20; v--) {
    const li = document.createElement('li');
    li.textContent = `Version ${v}` + (v === state.version ? ' (current)' : '');
    if (v !== state.version) {
      const revert = document.createElement('button');
      revert.type = 'button'; revert.className = 'ghost'; revert.textContent = 'Revert to this';
      revert.addEventListener('click', async () => {
        try {
          const { data } = await call('GET', `/api/script/${state.token}?version=${v}`);
          loadScript(data, state.version);
          await save();
          showInfo(`Reverted to version ${v}; saved as version ${state.version}.`);
        } catch (err) { showError(err); }
      });
      li.append(revert);
    }
    list.append(li);
  }
}

// -- rendering ----------------------------------------------------------------------------
$('render-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('render-button').disabled = true;
  try {
    if (JSON.stringify(collect()) !== JSON.stringify(state.script)) await save();
    const config = { quality: $('quality').value, aspect: $('aspect').value, tts_provider: $('voice').value,
                     captions: $('captions').checked };
    const { data } = await call('POST', `/confirm_script/${state.token}`, { chatID: state.chatID, config });
    state.jobId = data.job_id;
    $('result').hidden = true;
    $('progress').hidden = false;
    setProgress(0, 'Queued');
  } catch (err) {
    showError(err);
    $('render-button').disabled = false;
  }
});

function setProgress(pct, text) {
  $('bar-fill').style.width = `${pct}%`;
  document.querySelector('.bar').setAttribute('aria-valuenow', String(Math.round(pct)));
  $('progress-text').textContent = text;
}

function onJob(event) {
  if (event.type === 'job_progress') {
    const eta = event.eta_seconds ? ` · about ${Math.ceil(event.eta_seconds)} s left` : '';
    setProgress(event.progress, `${Math.round(event.progress)}% · ${event.stage}${eta}`);
  } else if (event.type === 'job_completed') {
    setProgress(100, 'Done');
    $('render-button').disabled = false;
    showVideo(event.result).catch(showError);
    refreshLibrary().catch(() => {});
  } else if (event.type === 'job_failed') {
    $('render-button').disabled = false;
    $('progress').hidden = true;
    if (event.status === 'cancelled') showInfo('The render was cancelled.');
    else showError(`The render failed: ${event.error}`);
  }
}

$('cancel-button').addEventListener('click', async () => {
  if (!state.jobId) return;
  try {
    await call('DELETE', `/generation_job/${state.jobId}`);
    state.jobId = null;
    $('progress').hidden = true;
    $('render-button').disabled = false;
    showInfo('The render was cancelled.');
  } catch (err) { showError(err); }
});

async function showVideo(result) {
  await ensureSession();
  const player = $('player');
  player.innerHTML = '';
  player.src = result.stream_url;
  if (result.captions_url) {
    const track = document.createElement('track');
    // off by default: the captions are already burned into the picture
    Object.assign(track, { kind: 'captions', srclang: 'en', label: 'Captions', src: result.captions_url });
    player.append(track);
  }
  $('download-link').href = result.download_url;
  $('download-link').setAttribute('download', result.video);
  $('video-meta').textContent = `${result.video} · ${result.duration.toFixed(1)} s · ${(result.size / 1e6).toFixed(1)} MB`;
  if (result.storyboard_url) $('storyboard').src = result.storyboard_url;
  $('result').hidden = false;
}

// -- library ------------------------------------------------------------------------------
async function refreshLibrary() {
  const [{ data: videos }, { data: jobs }] = await Promise.all([call('GET', '/videos'),
                                                               call('GET', '/generation_jobs?limit=20')]);
  const vlist = $('video-list');
  vlist.innerHTML = '';
  if (!videos.videos.length) vlist.innerHTML = '<li class="muted">No videos yet.</li>';
  for (const v of videos.videos) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = '#'; a.textContent = v.filename;
    a.addEventListener('click', (e) => {
      e.preventDefault();
      $('editor').hidden = false;
      showVideo({ video: v.filename, stream_url: v.stream_url, download_url: v.download_url, size: v.size,
                  duration: v.duration || 0, captions_url: v.captions_url, storyboard_url: v.storyboard_url })
        .then(() => $('result').scrollIntoView({ behavior: 'smooth' }), showError);
    });
    const meta = document.createElement('span');
    meta.className = 'muted';
    meta.textContent = v.duration ? `${v.duration.toFixed(0)} s` : '';
    li.append(a, meta);
    vlist.append(li);
  }
  const jlist = $('job-list');
  jlist.innerHTML = '';
  if (!jobs.jobs.length) jlist.innerHTML = '<li class="muted">No jobs yet.</li>';
  for (const j of jobs.jobs) {
    const li = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = `${j.job_id.slice(0, 8)} · ${j.token}`;
    const status = document.createElement('span');
    status.className = `status-${j.status}`;
    status.textContent = j.status === 'running' ? `${Math.round(j.progress)}%` : j.status;
    li.append(name, status);
    jlist.append(li);
  }
}
$('refresh-library').addEventListener('click', () => refreshLibrary().catch(showError));
refreshLibrary().catch(showError);
