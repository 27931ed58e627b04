// Each scene's picture: a preview of the scene as it is in the editor, saved or not, drawn by the server
// (POST /api/preview/frame: nothing is stored, so looking never makes a version; its final state by
// default, any moment with the scrubber), a summary of what the saved scene draws and when (and, for a
// derived picture, why and the other ways to draw it: visual-why.js), and the editor of its visual
// (visual-form.js, or the same visual as JSON).
import { call, imageURL } from './api.js';
import { debounce, h, newKey, renderList, setError, setText, setValue } from './dom.js';
import { plain } from './errors.js';
import { createVisualForm, targetWords } from './visual-form.js';
import { createWhy, evidenceWords } from './visual-why.js';

// One preview request at a time: the server draws frames on few cores, and a scrubbed frame that
// is no longer wanted by the time its turn comes is skipped.
let queue = Promise.resolve();
const enqueue = (job) => { queue = queue.then(job, job); return queue; };

// What `vidgen check` finds in the saved version, asked once per version and shared by its scenes.
const checks = new Map();
function checkOf(token, version) {
  const key = `${token}@${version}`;
  if (!checks.has(key)) {
    checks.set(key, call('GET', `/api/script/${encodeURIComponent(token)}/check?version=${version}`)
      .then(({ data }) => data.problems, () => { checks.delete(key); return null; }));
  }
  return checks.get(key);
}
const ASPECT_NAMES = { '16:9': 'wide', '9:16': 'tall', '1:1': 'square' };
function problemText(p) {
  const where = p.where && p.where !== 'picture' ? ` (${p.where})` : '';
  return `${p.aspect === 'all' ? '' : `${ASPECT_NAMES[p.aspect] || p.aspect} ${p.aspect}: `}${p.message}${where}`;
}

const visibleNodes = new WeakMap();
const observer = 'IntersectionObserver' in window ? new IntersectionObserver((entries) => {
  for (const entry of entries) if (entry.isIntersecting) visibleNodes.get(entry.target)?.();
}, { rootMargin: '300px' }) : null;

// One item in words, as its kind says it (the kind form's `item_words`: {field} or {field|default}); a field
// with no value and no default leaves the label alone, as `vidgen show` does.
function describeItem(kindForm, item) {
  const label = item.label || item.id || '';
  const values = { ...item, label };
  let missing = false;
  const said = (kindForm?.item_words || '{label}').replace(/\{(\w+)(?:\|([^}]*))?\}/g, (_, name, fallback) => {
    const value = values[name];
    if (value === undefined || value === null || value === '') {
      if (fallback === undefined) missing = true;
      return fallback || '';
    }
    return typeof value === 'number' ? String(Math.round(value * 100) / 100) : String(value);
  });
  return missing ? label : said;
}

export function createVisualPanel(key, { editVisual, editScene, setJsonError }) {
  let info = null;          // GET .../visual of the saved scene
  let infoAt = null;        // the address it came from
  let infoFor = null;
  let frameFor = null;
  let objectURL = null;
  let moment = null;        // seconds into the scene, or null: its final state
  let visible = !observer;
  let last = null;          // the latest update's arguments, to refresh when the panel comes into view
  let jsonMode = false;
  let parseError = null;    // the JSON box's own complaint, before anything reaches the server
  let openedFor = null;     // the save error the editor was last opened for
  let form = null;

  // -- preview ----------------------------------------------------------------------------------
  const img = h('img', { class: 'frame', alt: '', hidden: true });
  const status = h('p', { class: 'preview-status', role: 'status' });
  const stale = h('p', { class: 'stale-note', text: 'Not saved yet: this is how your changes look.', hidden: true });
  const rangeId = newKey('moment-');
  const range = h('input', { type: 'range', id: rangeId, class: 'moment', min: 0, max: 10, step: 0.1, value: 10 });
  const output = h('output', { for: rangeId, class: 'moment-value' });
  const figure = h('figure', { class: 'preview' },
    h('div', { class: 'frame-box' }, img, status),
    h('figcaption', { class: 'scrub' }, h('label', { for: rangeId, text: 'Moment' }), range, output), stale);
  const summaryHead = h('p', { class: 'summary-head' });
  const summaryElements = h('ul', { class: 'summary-elements' });
  const summarySteps = h('ol', { class: 'summary-steps' });
  const problemsHead = h('p', { class: 'problems-head' });
  const problemsList = h('ul', { class: 'scene-problems' });
  const problems = h('div', { class: 'problems', hidden: true }, problemsHead, problemsList);
  // A derived picture made editable (as it is, or drawn as a runner-up) writes its words into the on-screen lines
  // and its layout into the scene's; "Use the derived picture instead" puts back what they were before.
  let beforeEditable = null;
  const fromDerived = (visual) => {
    const d = last.scene.data;
    if (!(d.visual && typeof d.visual === 'object')) beforeEditable = { on_screen: d.on_screen, layout: d.layout };
    editVisual(() => visual);
  };
  const why = createWhy({ pick: fromDerived });
  const picture = h('div', { class: 'scene-picture' }, figure,
    h('div', { class: 'visual-summary' }, summaryHead, summaryElements, summarySteps, why.node, problems));
  let problemsFor = null;

  function drawProblems() {
    const { scene, editor } = last;
    if (!scene.savedSeq || !editor.token) { problems.hidden = true; return; }
    const want = `${editor.token}@${editor.version}#${scene.savedSeq}`;
    if (problemsFor === want) return;
    problemsFor = want;
    checkOf(editor.token, editor.version).then((all) => {
      if (problemsFor !== want || !all) return;
      const mine = all.filter((p) => p.seq === scene.savedSeq);
      problems.hidden = false;
      problems.classList.toggle('clean', !mine.length);
      setText(problemsHead, mine.length ? `What a viewer would notice in the saved picture (${mine.length})`
        : 'Nothing a viewer would trip over in the saved picture, wide, tall or square.');
      renderList(problemsList, mine, { key: (p, i) => `${i}:${p.aspect}:${p.what}:${p.where}`,
        create: () => h('li', {}), update: (li, p) => setText(li, problemText(p)) });
    });
  }
  const refreshSoon = debounce(() => refresh(), 120);
  const refreshTyped = debounce(() => refresh(), 300);   // a person typing: one picture when they pause
  range.addEventListener('input', () => {
    moment = Number(range.value) >= Number(range.max) - 0.05 ? null : Number(range.value);
    drawMoment();
    refreshSoon();
  });

  function drawMoment() {
    setText(output, moment === null ? 'end' : `${moment.toFixed(1)} s`);
    range.setAttribute('aria-valuetext', moment === null ? 'the end of the scene' : `${moment.toFixed(1)} seconds in`);
  }

  // The scene as a save would send it: numbered by its place, empty optional fields left out.
  function draftScene(scene, index) {
    const out = { ...scene.data, seq: index + 1 };
    for (const [k, v] of Object.entries(out)) {
      if (k !== 'text' && (v === '' || v === null || v === undefined || (Array.isArray(v) && !v.length))) delete out[k];
    }
    return out;
  }

  function wanted() {
    const { scene, index, editor, state } = last;
    const body = { scene: draftScene(scene, index), title: editor.title, index, total: editor.scenes.length,
                   quality: 'low', aspect: state.aspect };
    if (moment !== null) body.t = moment;
    const base = `/api/script/${encodeURIComponent(editor.token)}/scenes/${scene.savedSeq}`;
    return { info: scene.savedSeq ? `${base}/visual?version=${editor.version}` : null,
             frame: JSON.stringify(body), body };
  }

  function refresh() {
    if (!last) return;
    const want = wanted();
    if (!visible) {
      if (img.hidden) setText(status, 'Drawing the picture…');  // once it scrolls into view
      return;
    }
    if (want.info && infoFor !== want.info) {
      infoFor = want.info;
      enqueue(async () => {
        if (infoFor !== want.info) return;
        try {
          const { data } = await call('GET', want.info);
          if (infoFor === want.info) {
            if (infoAt !== want.info) beforeEditable = null;  // saved since: what it was before is history
            info = data;
            infoAt = want.info;
            redraw();
          }
        } catch (err) { if (infoFor === want.info) setText(status, err.message); }
      });
    }
    if (frameFor !== want.frame) {
      frameFor = want.frame;
      figure.classList.add('loading');
      if (img.hidden) setText(status, 'Drawing the picture…');
      enqueue(async () => {
        if (frameFor !== want.frame) return;
        try {
          const url = await imageURL('/api/preview/frame', undefined, want.body);
          if (frameFor !== want.frame) { URL.revokeObjectURL(url); return; }
          if (objectURL) URL.revokeObjectURL(objectURL);
          objectURL = url;
          img.src = url;
          img.hidden = false;
          setText(status, '');
        } catch (err) {
          // a scene half typed cannot be drawn yet: the last picture stays, with what to change under it
          if (frameFor === want.frame) setText(status, err.status === 400 ? `Cannot draw this yet: ${plain(err.message)}`
            : err.message);
        } finally {
          if (frameFor === want.frame) figure.classList.remove('loading');
        }
      });
    }
  }
  visibleNodes.set(figure, () => { visible = true; observer.unobserve(figure); refresh(); });
  observer?.observe(figure);

  function drawSummary() {
    const v = info?.visual;
    if (v) {
      const origin = info.shows_media ? 'Shows the scene’s picture or video; a visual would replace it'
        : info.derived ? 'Worked out from the words at each render' : 'Stored in the script';
      setText(summaryHead, [origin, `${v.layout || 'full'} layout`, v.title ? `“${v.title}”` : ''].filter(Boolean).join(' · '));
    } else setText(summaryHead, '');
    renderList(summaryElements, v?.elements || [], {
      key: (e, i) => `${i}:${e.id}`,
      create: () => h('li', {}, h('span', { class: 'kind' }), ' ', h('strong'), ' ', h('span', { class: 'item-labels' }),
        h('span', { class: 'evidence' })),
      update: (li, e) => {
        const from = evidenceWords(e);
        setText(li.querySelector('.evidence'), from);
        li.querySelector('.evidence').hidden = !from;
        const kindForm = last?.state.schema?.kindForms?.[e.kind];
        setText(li.querySelector('.kind'), kindForm?.noun || e.kind);
        setText(li.querySelector('strong'), e.id);
        const items = (e.items || []).map((it) => describeItem(kindForm, it)).filter(Boolean).join(' · ');
        setText(li.querySelector('.item-labels'), items + (e.caption ? ` — ${e.caption}` : ''));
      },
    });
    // the steps grouped by the sentence that starts them, in the order they are said
    const bySentence = new Map();
    for (const step of v?.steps || []) {
      const what = targetWords(v, step.target, last?.state.schema?.kindForms);
      bySentence.set(step.sentence, [...(bySentence.get(step.sentence) || []), `${step.action} ${what}`]);
    }
    renderList(summarySteps, [...bySentence.keys()].sort((a, b) => a - b), {
      key: (n) => n,
      create: () => h('li', {}, h('span', { class: 'sentence' }), ' ', h('q'), ' → ', h('span', { class: 'actions' })),
      update: (li, n) => {
        const said = info.sentences[n] || '';
        setText(li.querySelector('.sentence'), `Sentence ${n + 1}`);
        setText(li.querySelector('q'), said.length > 70 ? `${said.slice(0, 68)}…` : said);
        setText(li.querySelector('.actions'), bySentence.get(n).join(', '));
      },
    });
    // the alternatives are those of the saved words: new words offer theirs once saved
    const stored = last?.editor.stored?.[last.scene.key];
    const was = stored ? JSON.parse(stored) : {};
    const reworded = Boolean(last) && ['text', 'anim'].some((k) => (was[k] || '') !== (last.scene.data[k] || ''));
    why.update(info, infoAt, last?.scene.data.visual, reworded);
  }

  // -- editor ---------------------------------------------------------------------------------------
  const edit = (mutate) => editVisual((visual) => {
    const copy = structuredClone(visual);
    mutate(copy);
    return copy;
  });
  const derivedText = h('p', {});
  const makeEditable = h('button', { type: 'button', class: 'primary small make-editable', text: 'Make editable',
                                     onclick: () => { if (info) fromDerived(structuredClone(info.visual)); } });
  const derivedNote = h('div', { class: 'derived-note' }, derivedText, makeEditable);
  const modeButton = h('button', { type: 'button', class: 'ghost small mode', 'aria-pressed': 'false',
                                   text: 'Edit as JSON', onclick: () => {
                                     jsonMode = !jsonMode;
                                     if (parseError) { parseError = null; setJsonError(null); }  // back to the last valid visual
                                     redraw();
                                   } });
  const forget = h('button', { type: 'button', class: 'ghost small danger', text: 'Use the derived picture instead',
                               onclick: () => {
                                 parseError = null;
                                 setJsonError(null);
                                 const was = beforeEditable;
                                 beforeEditable = null;
                                 editScene((d) => ({ ...d, visual: undefined, ...(was || {}) }));
                               } });
  const jsonId = newKey('json-');
  const json = h('textarea', { id: jsonId, class: 'visual-json', rows: 14, spellcheck: 'false' });
  const jsonRow = h('div', { class: 'field json-row', dataset: { loc: 'json' } },
    h('label', { for: jsonId, text: 'The visual as JSON' }), json);
  json.addEventListener('input', () => {
    let parsed;
    try {
      parsed = JSON.parse(json.value);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('a visual is a JSON object');
    } catch (err) {
      parseError = `Not valid JSON yet: ${err.message}`;
      setJsonError(`the picture’s JSON is not valid yet (${err.message})`);
      return;
    }
    parseError = null;
    setJsonError(null);
    editVisual(() => parsed);
  });
  const topError = h('div', { class: 'visual-error', dataset: { loc: 'visual' } });
  const body = h('div', { class: 'visual-editor-body' }, derivedNote,
    h('div', { class: 'row mode-row' }, modeButton, forget), topError, jsonRow);
  const editor = h('details', { class: 'visual-editor' }, h('summary', { text: 'Edit the picture' }), body);

  function drawEditor() {
    const { scene, index, editor: ed, state } = last;
    const visual = scene.data.visual;
    const editable = visual && typeof visual === 'object';
    derivedNote.hidden = editable;
    if (!editable) {
      if (!scene.savedSeq) setText(derivedText, 'Save the script first: a scene’s picture is worked out from its saved words.');
      else if (info && !info.derived) setText(derivedText, 'When you save, the picture will be worked out from the words again.');
      else if (info) {
        setText(derivedText, info.shows_media
          ? 'This scene shows its picture or video. Make a visual editable to draw it instead.'
          : 'This picture is worked out from the narration each time the video renders. Make it editable to change it.');
      } else setText(derivedText, 'Loading the picture…');
      makeEditable.hidden = !info;
      setText(makeEditable, info && !info.derived ? 'Keep the saved picture' : 'Make editable');
    }
    modeButton.parentElement.hidden = !editable;
    jsonRow.hidden = !editable || !jsonMode;
    modeButton.setAttribute('aria-pressed', String(jsonMode));
    setText(modeButton, jsonMode ? 'Edit with the form' : 'Edit as JSON');
    if (editable && !form) {
      form = createVisualForm({ edit, schema: state.schema });
      body.append(form.node);
    }
    if (form) form.node.hidden = !editable || jsonMode;
    if (editable && !jsonMode) form.update(visual, info);
    if (editable && jsonMode && document.activeElement !== json && !parseError) {
      setValue(json, JSON.stringify(visual, null, 2));
    }
    // the server's message next to the row it names (visual-form's rowFor), else above the form
    const loc = ed.error?.loc;
    const mine = Boolean(loc && loc.visual && loc.scene === index + 1 && editable);
    if (mine && openedFor !== ed.error) {
      openedFor = ed.error;
      editor.open = true;
    }
    const message = mine ? plain(ed.error.message) : null;
    setError(jsonRow, parseError || (jsonMode ? message : null));
    const row = mine && !jsonMode ? (form.rowFor(loc, visual) || topError) : null;
    if (form) for (const node of form.node.querySelectorAll('.invalid')) if (node !== row) setError(node, null);
    setError(topError, row === topError ? message : null);
    if (row && row !== topError) setError(row, message, form.controlFor(row, loc.field));
  }

  function redraw() {
    if (!last) return;
    drawProblems();
    drawSummary();
    drawEditor();
  }

  return {
    picture, editor,
    update(scene, index, ed, state, changed) {
      last = { scene, index, editor: ed, state };
      stale.hidden = !changed;
      const seconds = state.estimate?.bySeq?.[index + 1];
      if (seconds) {
        const max = String(Math.max(0.5, seconds));
        if (range.max !== max) {
          range.max = max;
          if (moment === null) range.value = max;
        }
      }
      drawMoment();
      img.alt = `Scene ${index + 1}, ${moment === null ? 'its final picture' : `${moment.toFixed(1)} s in`}`;
      if (frameFor === null) refresh(); else refreshTyped();
      redraw();
    },
  };
}
