// The banner under the header: one message at a time, in plain words.
import { $ } from './dom.js';

export function showError(err) {
  const text = err instanceof Error ? err.message : String(err);
  show(text, 'banner');
}

export function showInfo(text) {
  show(text, 'banner info');
}

export function clearMessage() {
  $('banner').hidden = true;
}

function show(text, className) {
  const banner = $('banner');
  banner.className = className;
  // an error is announced at once (role alert); a note waits its turn (role status)
  banner.setAttribute('role', className === 'banner' ? 'alert' : 'status');
  $('banner-text').textContent = text;
  banner.hidden = false;
}

export function initMessages() {
  $('banner-close').addEventListener('click', clearMessage);
  window.addEventListener('unhandledrejection', (e) => showError(e.reason));
}

// Why a writer or voice cannot work here, in words for the person at the studio: the provider's advice,
// never a variable or a command (those are for whoever runs the server: `vidgen doctor`)
export const whyNot = (p) => p.advice || `${p.label || p.name} is not set up on the computer this server runs on.`;
