// Background music: none, a mood of the bundled music (heard first: a few seconds from the server), one
// that fits the script, or a file of the person's own (typed or uploaded).
import { $, setOptions, setText } from './dom.js';
import { showError } from './messages.js';

// the moods the server bundles (vidgen.render.music.MOODS); it refuses any other
const MOODS = ['calm', 'energetic', 'happy', 'nostalgic', 'tender'];
const OWN = 'own';
let player = null;

const capital = (word) => word[0].toUpperCase() + word.slice(1);

function stop() {
  if (player) { player.pause(); player = null; }
  $('music-play').setAttribute('aria-pressed', 'false');
  setText($('music-play'), 'Play a preview');
}

function draw() {
  const choice = $('music-choice').value;
  $('music-own').hidden = choice !== OWN;
  const mood = choice.startsWith('mood:') ? choice.slice(5) : '';
  $('music-play').hidden = !MOODS.includes(mood);
  stop();
}

function play() {
  if (player) { stop(); return; }
  const mood = $('music-choice').value.slice(5);
  player = new Audio(`/api/music/preview?mood=${encodeURIComponent(mood)}`);
  player.addEventListener('ended', stop);
  player.play().catch((err) => { stop(); showError(`The preview could not be played (${err.message}).`); });
  $('music-play').setAttribute('aria-pressed', 'true');
  setText($('music-play'), 'Stop the preview');
}

// What the render config's `music` says: '' for none
export function chosenMusic() {
  const choice = $('music-choice').value;
  return choice === OWN ? $('music').value.trim() : choice;
}

// A file just uploaded becomes the music
export function useOwnMusic(path) {
  $('music-choice').value = OWN;
  $('music').value = path;
  draw();
}

export function initMusic() {
  setOptions($('music-choice'), [
    { value: '', label: 'None' },
    { value: 'mood:auto', label: 'A mood that fits the script' },
    ...MOODS.map((m) => ({ value: `mood:${m}`, label: `${capital(m)} music` })),
    { value: OWN, label: 'A file of my own…' },
  ], '');
  $('music-choice').addEventListener('change', draw);
  $('music-play').addEventListener('click', play);
  draw();
}
