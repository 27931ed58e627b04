// Rendering: the options (quality, shape, speaking rate and captions as GET /api/options describes them, the
// voice from GET /api/voices, music),
// the job's progress from the chat's events (with a slow poll as a safety net), cancelling, and the
// finished video in the player.
import { call, upload } from './api.js';
import { $, h, renderList, setOptions, setText } from './dom.js';
import { isDirty, save } from './editor.js';
import { connect, dispatch, on } from './events.js';
import { showError, whyNot } from './messages.js';
import { chosenMusic, initMusic, useOwnMusic } from './music.js';
import { store, watch } from './state.js';

const ACTIVE = new Set(['pending', 'running']);
const POLL_MS = 2000;
let poll = null;

// -- the voice picker -------------------------------------------------------------------------------
const provider = () => store.get().voices?.providers.find((p) => p.name === $('tts-provider').value);

function drawVoices(voices) {
  if (!voices) return;
  // a provider that is not for people (silence, for tests and old clients) is not offered at all
  const offered = voices.providers.filter((p) => p.offered !== false);
  setOptions($('tts-provider'), offered.map((p) => ({
    value: p.name, disabled: !p.ready, title: p.ready ? p.summary : whyNot(p),
    label: `${p.label || p.name}${p.name === voices.default ? ' — default' : ''}${p.ready ? '' : ' — not available here'}`,
  })), $('tts-provider').value || voices.default);
  renderList($('provider-notes'), offered.filter((p) => !p.ready), {
    key: (p) => p.name,
    create: () => h('li', {}, h('strong'), ' ', h('span', { class: 'detail' })),
    update: (li, p) => {
      setText(li.querySelector('strong'), `${p.label || p.name}:`);
      setText(li.querySelector('.detail'), whyNot(p));
    },
  });
  drawProvider();
}

function drawProvider() {
  const p = provider();
  if (!p) return;
  const voices = p.voices || [];
  setOptions($('voice'), [
    { value: '', label: `Its default voice${p.default_voice ? ` (${p.default_voice})` : ''}` },
    ...voices.map((v) => {
      const language = v.language || v.languages?.join(', ');
      return { value: v.id, label: `${v.id}${language && language !== v.id ? ` · ${language}` : ''}`
        + `${v.id === p.default_voice ? ' — default' : ''}` };
    }),
  ], '');
  $('voice').disabled = !voices.length;
  const rate = $('rate');
  rate.disabled = p.rate === false;
  setText($('rate-hint'), p.rate === false ? `${p.label || p.name} speaks at its own pace.` : '');
  const detail = p.detail && !p.summary?.includes(p.detail) ? p.detail : '';
  setText($('provider-summary'), [p.summary, detail].filter(Boolean).join(' · '));
  drawRate();
}

function drawRate() {
  setText($('rate-value'), `${Number($('rate').value).toFixed(2)}×`);
}

// -- the menus, from the options' schema: a choice the server adds shows up here by itself ----------------------
function choices(field) {
  const labels = field['x-labels'] || {};
  return (field.enum || []).map((value) => ({ value, label: labels[value] || value }));
}

function drawOptions(schema) {
  if (!schema) return;
  const { quality, aspect, rate, captions } = schema.properties;
  setOptions($('quality'), choices(quality), $('quality').value || quality.default);
  setOptions($('aspect'), choices(aspect), $('aspect').value || aspect.default);
  setOptions($('captions'), choices(captions), $('captions').value || captions.default);
  if (!$('rate').dataset.ready) {  // once: afterwards the slider is the person's
    Object.assign($('rate'), { min: rate.minimum, max: rate.maximum, value: rate.default });
    $('rate').dataset.ready = 'yes';
  }
  drawRate();
  if (!store.get().aspect) store.set({ aspect: $('aspect').value });
}

function readConfig() {
  const config = { quality: $('quality').value, aspect: $('aspect').value, tts_provider: $('tts-provider').value,
                   captions: $('captions').value };
  if ($('voice').value) config.voice = $('voice').value;
  const rate = Number($('rate').value);
  if (!$('rate').disabled && rate !== store.get().options?.properties.rate.default) config.rate = rate;
  const music = chosenMusic();
  if (music) config.music = music;
  return config;
}

// -- the job ----------------------------------------------------------------------------------------------
function applyJob(patch) {
  const job = store.get().job;
  if (!job || job.job_id !== patch.job_id || job.finished) return;
  const next = { ...job, ...patch };
  if (!ACTIVE.has(next.status)) next.finished = true;
  store.set({ job: next });
  if (next.finished) {
    clearInterval(poll);
    if (next.status === 'completed' && next.result) showVideo(next.result).catch(showError);
    dispatch({ type: 'library_changed' });  // the library listens (it imports this module, not the reverse)
  }
}

function startPoll(jobId) {
  clearInterval(poll);
  poll = setInterval(async () => {
    try {
      const { data } = await call('GET', `/api/job/${encodeURIComponent(jobId)}`);
      applyJob(data);
    } catch { /* the events still come; the next tick tries again */ }
  }, POLL_MS);
}

async function startRender(event) {
  event.preventDefault();
  const editor = store.get().editor;
  if (!editor) return;
  $('render-button').disabled = true;
  try {
    if (isDirty()) {
      try { await save(); } catch { return; }  // the editor shows why, next to the field
    }
    const chatID = await connect().catch(() => null);  // without events the poll still follows the job
    const { data } = await call('POST', `/confirm_script/${encodeURIComponent(editor.token)}`,
                                { chatID, config: readConfig() });
    store.set({ job: { job_id: data.job_id, token: editor.token, version: data.script_version, status: 'pending',
                       progress: 0, stage: 'queued' } });
    startPoll(data.job_id);
    dispatch({ type: 'library_changed' });
  } catch (err) {
    showError(err);
  } finally {
    drawJob(store.get().job);
  }
}

async function cancel() {
  const job = store.get().job;
  if (!job || job.finished) return;
  $('cancel-button').disabled = true;
  try {
    const { data } = await call('POST', `/api/job/${encodeURIComponent(job.job_id)}/cancel`);
    applyJob(data);
  } catch (err) {
    if (err.status !== 409) showError(err);  // 409: it finished first; the poll brings its state
  } finally {
    $('cancel-button').disabled = false;
  }
}

function progressText(job) {
  const pct = Math.round(job.progress || 0);
  switch (job.status) {
    case 'pending': return 'Waiting for its turn…';
    case 'running': {
      const eta = job.eta_seconds ? ` · about ${Math.ceil(job.eta_seconds)} s left` : '';
      return `${pct}% · ${job.stage || 'working'}${eta}`;
    }
    case 'completed': return 'Done. The video is below.';
    case 'cancelled': return 'Cancelled. The job stays in the library, marked cancelled; delete it there if you '
      + 'no longer need it.';
    default: return `The render failed: ${job.error || job.status}`;
  }
}

function drawJob(job) {
  $('progress').hidden = !job;
  const active = Boolean(job && ACTIVE.has(job.status));
  $('render-button').disabled = active;
  if (!job) return;
  const pct = job.status === 'completed' ? 100 : Math.max(0, Math.min(100, job.progress || 0));
  $('bar-fill').style.width = `${pct}%`;
  $('progress').dataset.status = job.status;
  document.querySelector('#progress .bar').setAttribute('aria-valuenow', String(Math.round(pct)));
  setText($('progress-text'), progressText(job));
  $('cancel-button').hidden = !active;
}

// -- the player ----------------------------------------------------------------------------------------------
export async function showVideo(result) {
  // signed in, the session cookie lets <video> and <track> in (they cannot send a header)
  store.set({ video: result });
}

function drawVideo(video) {
  $('result').hidden = !video;
  if (!video) return;
  const player = $('player');
  if (player.dataset.src !== video.stream_url) {
    player.dataset.src = video.stream_url;
    player.querySelectorAll('track').forEach((t) => t.remove());
    player.src = video.stream_url;
    if (video.captions_url) {
      // captions burned into the picture (every render but "off") would show twice with the track on: the
      // track is offered off, under a name that says it is a second copy
      const burned = video.captions_style !== 'off';
      const track = h('track', { kind: 'captions', srclang: 'en', src: video.captions_url,
                                 label: burned ? 'Player captions (the video already shows captions)' : 'Captions' });
      player.append(track);
      track.track.mode = 'disabled';
    }
  }
  $('download-link').href = video.download_url;
  $('download-link').setAttribute('download', video.video);
  const size = video.size ? ` · ${(video.size / 1e6).toFixed(1)} MB` : '';
  const length = video.duration ? ` · ${video.duration.toFixed(1)} s` : '';
  setText($('video-meta'), `${video.video}${length}${size}`);
  $('storyboard').hidden = !video.storyboard_url;
  if (video.storyboard_url) $('storyboard').src = video.storyboard_url;
}

export function initRender() {
  initMusic();
  $('render-form').addEventListener('submit', startRender);
  $('tts-provider').addEventListener('change', drawProvider);
  $('rate').addEventListener('input', drawRate);
  $('aspect').addEventListener('change', () => store.set({ aspect: $('aspect').value }));
  $('cancel-button').addEventListener('click', cancel);
  $('music-file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    try { useOwnMusic((await upload(file)).path); } catch (err) { showError(err); }
    e.target.value = '';
  });
  const job = (e) => e.job_id;
  on('job_progress', (e) => applyJob({ job_id: job(e), status: e.status || 'running', progress: e.progress,
                                       stage: e.stage, eta_seconds: e.eta_seconds }));
  on('job_completed', (e) => applyJob({ job_id: job(e), status: 'completed', progress: 100, result: e.result }));
  on('job_failed', (e) => applyJob({ job_id: job(e), status: e.status || 'failed', error: e.error }));
  watch((s) => s.options, drawOptions);
  watch((s) => s.voices, drawVoices);
  watch((s) => s.job, drawJob);
  watch((s) => s.video, drawVideo);
}
