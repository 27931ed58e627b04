// Why a derived picture is what it is, in words, and the other ways the scene's words can be drawn: one
// button per runner-up that can draw it. A click asks the server for the scene drawn that way and puts the
// picture in the editor as an unsaved edit (`pick`: the same path as "Make editable"), so the preview shows it at
// once and nothing is stored until the person saves; "Use the derived picture instead" goes back.
import { call } from './api.js';
import { h, renderList, setText } from './dom.js';
import { plain } from './errors.js';

const SOURCES = { text: 'the narration', anim: 'the note of what the viewer sees', on_screen: 'the on-screen text',
                  title: 'the title' };
const short = (text, n = 60) => (text.length > n ? `${text.slice(0, n - 1).trimEnd()}…` : text);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// Where an element's words come from, in words: "From the narration: “the resolver asks …”". A quote that
// is only one of the element's own labels says nothing new: then only its source is named.
export function evidenceWords(element) {
  const evidence = element.evidence || [];
  if (!evidence.length) return '';
  const labels = new Set((element.items || []).map((it) => String(it.label || '').trim().toLowerCase()));
  const sources = [...new Set(evidence.map((ev) => SOURCES[ev.source] || ev.source))];
  const quotes = evidence.filter((ev) => !labels.has(String(ev.quote).trim().toLowerCase())).slice(0, 2)
    .map((ev) => `“${short(String(ev.quote))}”`);
  const from = sources.length > 1 ? `${sources.slice(0, -1).join(', ')} and ${sources.at(-1)}` : sources[0];
  return `From ${from}${quotes.length ? `: ${quotes.join(' ')}` : ''}`;
}

export function createWhy({ pick }) {
  let info = null;
  let infoURL = null;
  let picked = null;        // {name, visual}: the runner-up last put in the editor
  let current = undefined;  // the visual the editor holds now
  let reworded = false;     // the narration or note differs from the saved one
  const because = h('p', { class: 'because' });
  const label = h('span', { class: 'others-label', text: 'Other ways to draw it:' });
  const buttons = h('span', { class: 'others-buttons' });
  const status = h('span', { class: 'others-status', role: 'status' });
  const others = h('div', { class: 'others', role: 'group', 'aria-label': 'Other ways to draw this scene' },
    label, ' ', buttons, ' ', status);
  const node = h('div', { class: 'why', hidden: true }, because, others);

  async function drawAs(candidate, button) {
    const url = `${infoURL}${infoURL.includes('?') ? '&' : '?'}as=${encodeURIComponent(candidate.name)}`;
    button.disabled = true;
    setText(status, `Drawing it as ${candidate.said}…`);
    try {
      const { data } = await call('GET', url);
      if (url.startsWith(infoURL)) {
        picked = { name: candidate.name, visual: data.visual };
        setText(status, '');
        pick(structuredClone(data.visual));
      }
    } catch (err) {
      setText(status, `Could not draw it as ${candidate.said}: ${plain(err.message)}`);
    } finally {
      button.disabled = false;
    }
  }

  function draw() {
    const derived = Boolean(info && info.derived && !info.shows_media);
    node.hidden = !derived;
    if (!derived) return;
    setText(because, info.because || '');
    const offered = reworded ? [] : (info.runners_up || []).filter((c) => c.draws);
    others.hidden = !offered.length && !reworded;
    label.hidden = reworded;
    if (reworded) setText(status, 'Save the new words to see the other ways to draw them.');
    else if (status.textContent.startsWith('Save the new words')) setText(status, '');
    const mine = picked && current && same(current, picked.visual) ? picked.name : null;
    renderList(buttons, offered, {
      key: (c) => c.name,
      create: (c) => {
        const button = h('button', { type: 'button', class: 'ghost small draw-as' });
        button.addEventListener('click', () => drawAs(c, button));
        return button;
      },
      update: (button, c) => {
        setText(button, `Draw as ${c.said || c.name}`);
        button.setAttribute('aria-pressed', String(c.name === mine));
      },
    });
  }

  return {
    node,
    // the saved scene's GET .../visual (and its address), the visual the editor holds now, and whether the
    // scene's words differ from the saved ones (then its alternatives wait for a save)
    update(nextInfo, nextURL, visual, wordsChanged) {
      if (nextURL !== infoURL) { picked = null; setText(status, ''); }
      info = nextInfo;
      infoURL = nextURL;
      current = visual;
      reworded = wordsChanged;
      draw();
    },
  };
}
