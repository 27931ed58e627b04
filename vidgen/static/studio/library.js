// The library: scripts (scripts.js), rendered videos (play, download) and render jobs (open their script, cancel a running
// one, delete a record: deleting is its own explicit action, asked twice).
import { call } from './api.js';
import { $, h, renderList, setText } from './dom.js';
import { openScript } from './editor.js';
import { on } from './events.js';
import { showError, showInfo } from './messages.js';
import { showVideo } from './render.js';
import { initScripts, refreshScripts } from './scripts.js';
import { store, watch } from './state.js';

const ACTIVE = new Set(['pending', 'running']);
const CONFIRM_MS = 5000;

export async function refreshLibrary() {
  const [{ data: videos }, { data: jobs }] = await Promise.all([call('GET', '/videos'), call('GET', '/api/jobs?limit=20'),
                                                                refreshScripts()]);
  store.set((s) => ({ library: { ...s.library, videos: videos.videos, jobs: jobs.jobs } }));
}

function when(value) {
  if (!value) return '';
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

function play(v) {
  showVideo({ video: v.filename || v.name, stream_url: v.stream_url, download_url: v.download_url, size: v.size,
              duration: v.duration || 0, captions_url: v.captions_url, captions_style: v.captions_style,
              storyboard_url: v.storyboard_url })
    .then(() => $('result').scrollIntoView({ behavior: 'smooth', block: 'start' }), showError);
}

function drawVideos(videos) {
  renderList($('video-list'), videos || [], {
    key: (v) => v.filename || v.name,
    create: (v) => h('li', { class: 'video' },
      h('div', { class: 'entry-main' },
        h('button', { type: 'button', class: 'link play', onclick: () => play(v) }),
        h('span', { class: 'muted meta' })),
      h('a', { class: 'button ghost small download', text: 'Download' })),
    update: (li, v) => {
      const name = v.filename || v.name;
      setText(li.querySelector('.play'), name);
      li.querySelector('.play').setAttribute('aria-label', `Play ${name}`);
      const parts = [v.duration ? `${Math.round(v.duration)} s` : '', v.size ? `${(v.size / 1e6).toFixed(1)} MB` : '',
                     when(v.modified || v.created)];
      setText(li.querySelector('.meta'), parts.filter(Boolean).join(' · '));
      const link = li.querySelector('.download');
      link.href = v.download_url;
      link.setAttribute('download', name);
      link.setAttribute('aria-label', `Download ${name}`);
    },
    empty: () => h('li', { class: 'muted', text: videos ? 'No videos yet.' : 'Loading…' }),
  });
}

async function cancelJob(job) {
  try {
    await call('POST', `/api/job/${encodeURIComponent(job.job_id)}/cancel`);
    showInfo('The render was cancelled; its record stays in the list.');
  } catch (err) { showError(err); }
  await refreshLibrary().catch(showError);
}

// Deleting asks twice: the first press turns the button into "Confirm delete" for a few seconds.
async function deleteJob(button, job) {
  if (!button.dataset.confirm) {
    button.dataset.confirm = '1';
    setText(button, 'Confirm delete');
    button.setAttribute('aria-label', `Confirm deleting the record of job ${job.job_id.slice(0, 8)}`);
    setTimeout(() => {
      if (!button.isConnected) return;
      delete button.dataset.confirm;
      setText(button, 'Delete');
      button.setAttribute('aria-label', `Delete the record of job ${job.job_id.slice(0, 8)}`);
    }, CONFIRM_MS);
    return;
  }
  try {
    await call('DELETE', `/api/job/${encodeURIComponent(job.job_id)}`);
    showInfo(`The record of job ${job.job_id.slice(0, 8)} was deleted.`);
  } catch (err) { showError(err); }
  await refreshLibrary().catch(showError);
}

function drawJobs(jobs) {
  renderList($('job-list'), jobs || [], {
    key: (j) => j.job_id,
    create: (j) => {
      const li = h('li', { class: 'job' },
        h('div', { class: 'entry-main' }, h('span', { class: 'job-name' }), h('span', { class: 'muted job-when' })),
        h('span', { class: 'status' }),
        h('div', { class: 'job-actions' },
          h('button', { type: 'button', class: 'ghost small open', text: 'Open script',
                        onclick: () => openScript(j.token).catch(showError) }),
          h('button', { type: 'button', class: 'ghost small cancel', text: 'Cancel',
                        onclick: () => cancelJob(j) }),
          h('button', { type: 'button', class: 'ghost small danger delete', text: 'Delete',
                        onclick: (e) => deleteJob(e.currentTarget, j) })));
      return li;
    },
    update: (li, j) => {
      const short = j.job_id.slice(0, 8);
      const title = store.get().library.scripts?.find((x) => x.token === j.token)?.title;
      setText(li.querySelector('.job-name'), `${title ? `“${title}”` : `Script ${j.token}`}, version ${j.script_version ?? '?'}`);
      setText(li.querySelector('.job-when'), [`job ${short}`, when(j.created_at)].filter(Boolean).join(' · '));
      const status = li.querySelector('.status');
      status.className = `status status-${j.status}`;
      setText(status, j.status === 'running' ? `running ${Math.round(j.progress || 0)}%` : j.status);
      li.dataset.status = j.status;
      li.querySelector('.cancel').hidden = !ACTIVE.has(j.status);
      li.querySelector('.cancel').setAttribute('aria-label', `Cancel job ${short}`);
      const del = li.querySelector('.delete');
      if (!del.dataset.confirm) del.setAttribute('aria-label', `Delete the record of job ${short}`);
      // the name starts with what the button shows (WCAG 2.5.3: label in name)
      li.querySelector('.open').setAttribute('aria-label', `Open script of job ${short}`);
    },
    empty: () => h('li', { class: 'muted', text: jobs ? 'No jobs yet.' : 'Loading…' }),
  });
}

export function initLibrary() {
  initScripts();
  $('refresh-library').addEventListener('click', () => refreshLibrary().catch(showError));
  // a job's progress shows in its row as it comes; a finished one brings its video into the list
  on('job_progress', (e) => store.set((s) => ({ library: { ...s.library, jobs: s.library.jobs?.map((j) => (
    j.job_id === e.job_id ? { ...j, status: e.status || 'running', progress: e.progress } : j)) } })));
  for (const type of ['job_completed', 'job_failed', 'library_changed']) on(type, () => refreshLibrary().catch(() => {}));
  watch((s) => s.library.videos, drawVideos);
  watch((s) => s.library.jobs, drawJobs);
}
