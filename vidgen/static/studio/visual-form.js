// The structured editor of one scene's visual (the picture spec): layout and title, elements with their
// items, steps with their sentence, action and target; and the same visual as a JSON box.
// It holds no state of its own: every control writes through `edit(mutate)` into the store, and
// `update` puts the store's visual back into the controls. What each kind's items use (x, y, value,
// an arrow's target), its hints and whether it takes ranges come from the served schema's kind forms.
import { h, newKey, renderList, setOptions, setText, setValue } from './dom.js';

const STEP_FIELDS = { rotate: ['value'], move: ['x', 'y'], transform: ['value', 'x', 'y'] };
const FIELD_NAMES = { x: 'x', y: 'y', value: 'Value', to: 'Arrow to', id: 'Id', label: 'Label', detail: 'Detail' };

// A control that keeps what a person is typing: the store's value goes in only when it is not focused.
function sync(control, value) {
  if (document.activeElement !== control) setValue(control, value);
}

function numberOrText(raw) {
  if (raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : raw;  // the server says what is wrong with a wrong number
}

function field(labelText, control, extra = {}) {
  control.id ||= newKey('vf-');
  return h('div', { class: `mini ${extra.class || ''}`, dataset: extra.dataset },
    h('label', { for: control.id, text: labelText }), control);
}

function setOrDelete(obj, name, value) {
  if (value === undefined || value === '') delete obj[name];
  else obj[name] = value;
}

// A step's target in words: "E" is an element, "E.id" or "E.2" one of its items (by id, or by place from 0).
// The summary says "the bar “Wheat”", never "B.s1"; a target that names nothing is shown as it is.
export function targetWords(visual, target, kindForms) {
  const [id, part] = String(target || '').split('.', 2);
  const element = (visual?.elements || []).find((e) => e.id === id);
  if (!element) return String(target || '');
  const noun = kindForms?.[element.kind]?.noun || element.kind;
  const named = element.caption ? ` “${element.caption}”` : '';
  if (part === undefined) return `the ${noun}${named}`;
  const items = element.items || [];
  const item = items.find((it) => it.id === part) || (/^\d+$/.test(part) ? items[Number(part)] : undefined);
  if (!item) return String(target);
  const label = item.label || item.id || `item ${items.indexOf(item) + 1}`;
  return `“${label}” in the ${noun}`;
}

export function createVisualForm({ edit, schema }) {
  const listId = newKey('targets-');
  const targets = h('datalist', { id: listId });
  const layout = h('select', {});
  setOptions(layout, schema.visualLayouts.map((v) => ({ value: v })));
  layout.addEventListener('change', () => edit((v) => { v.layout = layout.value; }));
  const title = h('input', { maxlength: 70, placeholder: 'optional' });
  title.addEventListener('input', () => edit((v) => setOrDelete(v, 'title', title.value)));
  const elements = h('ol', { class: 'elements' });
  const steps = h('ol', { class: 'steps' });
  let sentences = [];

  const kindForm = (kind) => schema.kindForms?.[kind] || { fields: [], hints: {}, ranged: false };
  const addElement = h('button', { type: 'button', class: 'ghost small', text: '+ Element', onclick: () => edit((v) => {
    const used = new Set(v.elements.map((e) => e.id));
    const id = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].find((c) => !used.has(c)) || newKey('E');
    v.elements.push({ id, kind: 'bullets', items: [{ label: 'A point' }] });
  }) });
  const addStep = h('button', { type: 'button', class: 'ghost small', text: '+ Step', onclick: () => edit((v) => {
    (v.steps ||= []).push({ sentence: 0, action: 'show', target: v.elements[0]?.id || '' });
  }) });

  function createElement(_, i) {
    const id = h('input', { class: 'el-id', maxlength: 24, autocomplete: 'off' });
    id.addEventListener('input', () => edit((v) => { v.elements[i].id = id.value; }));
    const kind = h('select', { class: 'el-kind' });
    setOptions(kind, schema.kinds.map((k) => ({ value: k })));
    kind.addEventListener('change', () => edit((v) => { v.elements[i].kind = kind.value; }));
    const caption = h('input', { class: 'el-caption', maxlength: 120, placeholder: 'optional' });
    caption.addEventListener('input', () => edit((v) => setOrDelete(v.elements[i], 'caption', caption.value)));
    const range = (axis, end) => {
      const input = h('input', { type: 'text', inputmode: 'decimal', class: `range ${axis}${end}` });
      input.addEventListener('input', () => edit((v) => {
        const el = v.elements[i];
        const pair = [...(el[`${axis}_range`] || ['', ''])];
        pair[end] = numberOrText(input.value);
        if (pair[0] === undefined && pair[1] === undefined) delete el[`${axis}_range`];
        else el[`${axis}_range`] = pair;
      }));
      return input;
    };
    const items = h('ol', { class: 'items' });
    const remove = h('button', { type: 'button', class: 'ghost small danger', text: 'Remove element',
                                 onclick: () => edit((v) => { v.elements.splice(i, 1); }) });
    const addItem = h('button', { type: 'button', class: 'ghost small add-item', text: '+ Item',
                                  onclick: () => edit((v) => { (v.elements[i].items ||= []).push({ label: '' }); }) });
    const node = h('li', { class: 'element', dataset: { loc: `element-${i + 1}` } },
      h('div', { class: 'element-head', dataset: { loc: `element-${i + 1}-head` } },
        h('strong', { class: 'element-name' }),
        field('Id', id), field('Kind', kind), field('Caption', caption, { class: 'wide' }), remove),
      h('div', { class: 'ranges' },
        field('x from', range('x', 0)), field('x to', range('x', 1)), field('y from', range('y', 0)), field('y to', range('y', 1))),
      items, addItem);
    node._items = items;
    return node;
  }

  function createItem(i, j) {
    const controls = {};
    const make = (name) => {
      const numeric = ['x', 'y', 'value'].includes(name);
      const input = h('input', { class: `it-${name}`, autocomplete: 'off', ...(numeric ? { inputmode: 'decimal' } : {}),
                                 ...(name === 'label' ? { maxlength: 200 } : {}) });
      input.addEventListener('input', () => edit((v) => {
        const item = v.elements[i].items[j];
        setOrDelete(item, name, numeric ? numberOrText(input.value) : input.value);
        if (name === 'label' && item.label === undefined) item.label = '';
      }));
      controls[name] = input;
      return field(FIELD_NAMES[name], input, { class: name === 'label' ? 'wide' : '', dataset: { name } });
    };
    const remove = h('button', { type: 'button', class: 'icon small danger', text: '✕',
                                 onclick: () => edit((v) => { v.elements[i].items.splice(j, 1); }) });
    const node = h('li', { class: 'item', dataset: { loc: `element-${i + 1}-item-${j + 1}` } },
      make('label'), make('detail'), make('id'), make('x'), make('y'), make('value'), make('to'), remove);
    node._controls = controls;
    node._remove = remove;
    return node;
  }

  function updateItem(node, item, kind, i, j) {
    const { fields, hints } = kindForm(kind);
    const shown = new Set(['label', 'detail', 'id', ...fields]);
    for (const [name, control] of Object.entries(node._controls)) {
      // a field the kind does not use stays hidden, unless it holds a value (then it is shown to be seen)
      control.parentElement.hidden = !shown.has(name) && (item[name] === undefined || item[name] === null);
      sync(control, item[name]);
    }
    node._controls.label.placeholder = hints.label || '';
    node._controls.detail.placeholder = hints.detail || 'optional';
    node._remove.setAttribute('aria-label', `Remove item ${j + 1} of element ${i + 1}`);
  }

  function updateElement(node, element, i) {
    setText(node.querySelector('.element-name'), `Element ${i + 1}`);
    sync(node.querySelector('.el-id'), element.id);
    sync(node.querySelector('.el-kind'), element.kind);
    sync(node.querySelector('.el-caption'), element.caption);
    const { ranged } = kindForm(element.kind);
    node.querySelector('.ranges').hidden = !ranged && !element.x_range && !element.y_range;
    for (const axis of ['x', 'y']) {
      for (const end of [0, 1]) sync(node.querySelector(`.range.${axis}${end}`), element[`${axis}_range`]?.[end]);
    }
    const list = element.items || [];
    renderList(node._items, list, {
      key: (_, j) => j, create: (_, j) => createItem(i, j), update: (n, item, j) => updateItem(n, item, element.kind, i, j),
    });
    node.querySelector('.add-item').disabled = list.length >= schema.maxItems;
  }

  function createStep(_, n) {
    const sentence = h('select', { class: 'st-sentence' });
    sentence.addEventListener('change', () => edit((v) => { v.steps[n].sentence = Number(sentence.value); }));
    const action = h('select', { class: 'st-action' });
    setOptions(action, schema.actions.map((a) => ({ value: a })));
    action.addEventListener('change', () => edit((v) => { v.steps[n].action = action.value; }));
    const target = h('input', { class: 'st-target', list: listId, autocomplete: 'off', maxlength: 60 });
    target.addEventListener('input', () => edit((v) => { v.steps[n].target = target.value; }));
    const extras = {};
    const extra = (name) => {
      const input = h('input', { class: `st-${name}`, inputmode: 'decimal', autocomplete: 'off' });
      input.addEventListener('input', () => edit((v) => setOrDelete(v.steps[n], name, numberOrText(input.value))));
      extras[name] = input;
      return field(FIELD_NAMES[name], input, { dataset: { name } });
    };
    const remove = h('button', { type: 'button', class: 'icon small danger', text: '✕',
                                 onclick: () => edit((v) => { v.steps.splice(n, 1); }) });
    const node = h('li', { class: 'step', dataset: { loc: `step-${n + 1}` } },
      h('strong', { class: 'step-name' }),
      field('Sentence', sentence, { class: 'wide' }), field('Action', action), field('Target', target),
      extra('value'), extra('x'), extra('y'), remove);
    node._extras = extras;
    node._remove = remove;
    return node;
  }

  function updateStep(node, step, n) {
    setText(node.querySelector('.step-name'), `Step ${n + 1}`);
    const select = node.querySelector('.st-sentence');
    const count = Math.max(sentences.length, (step.sentence ?? 0) + 1);
    setOptions(select, Array.from({ length: count }, (_, k) => ({
      value: k, label: sentences[k] ? `${k + 1} · ${sentences[k].length > 60 ? `${sentences[k].slice(0, 58)}…` : sentences[k]}`
        : `${k + 1} · (past the narration)`,
    })));
    sync(select, step.sentence ?? 0);
    sync(node.querySelector('.st-action'), step.action);
    sync(node.querySelector('.st-target'), step.target);
    const wanted = new Set(STEP_FIELDS[step.action] || []);
    for (const [name, control] of Object.entries(node._extras)) {
      control.parentElement.hidden = !wanted.has(name) && (step[name] === undefined || step[name] === null);
      sync(control, step[name]);
    }
    node._remove.setAttribute('aria-label', `Remove step ${n + 1}`);
  }

  const form = h('div', { class: 'visual-form' },
    h('div', { class: 'row visual-head' },
      h('div', { class: 'mini', dataset: { loc: 'layout' } }, h('label', { for: (layout.id = newKey('vf-')), text: 'Layout' }), layout),
      h('div', { class: 'mini wide', dataset: { loc: 'title' } }, h('label', { for: (title.id = newKey('vf-')), text: 'Title' }), title)),
    h('h4', { text: 'What is drawn' }), h('div', { dataset: { loc: 'elements' } }, elements), addElement,
    h('h4', { text: 'When it appears' }),
    h('p', { class: 'muted small-print', text: 'Each step starts with its sentence of the narration. Target: what it '
      + 'acts on, a whole element or one of its items; the list offers them by name.' }),
    h('div', { dataset: { loc: 'steps' } }, steps), addStep, targets);

  return {
    node: form,
    update(visual, info) {
      sentences = info?.sentences || sentences;
      sync(layout, visual.layout || 'full');
      sync(title, visual.title);
      renderList(elements, visual.elements || [], { key: (_, i) => i, create: createElement, update: updateElement });
      renderList(steps, visual.steps || [], { key: (_, n) => n, create: createStep, update: updateStep });
      addElement.disabled = (visual.elements || []).length >= schema.maxElements;
      addStep.disabled = (visual.steps || []).length >= schema.maxSteps;
      const options = (visual.elements || []).flatMap((e) => [e.id, ...(e.items || []).map((it, j) => `${e.id}.${it.id || j}`)]);
      // each offered target with its words ("“Wheat” in the bar chart"): the id is what is stored
      renderList(targets, options, { key: (t) => t, create: (t) => h('option', { value: t }),
                                     update: (o, t) => { o.label = targetWords(visual, t, schema.kindForms); } });
    },
    // the control of a row that a field name points at (a step's target, an item's x), if it has one
    controlFor(row, name) {
      if (!name) return null;
      return row.querySelector(`.st-${name}, .it-${name}, .el-${name}`);
    },
    // the row the server's error names: a step, an element's item, an element, or the visual's own field
    rowFor(loc, visual) {
      if (loc.step) return steps.children[loc.step - 1] || null;
      let el = loc.element;
      if (!el && loc.elementId) el = (visual.elements || []).findIndex((e) => e.id === loc.elementId) + 1;
      if (el) {
        const node = elements.children[el - 1];
        if (!node) return null;
        if (loc.item) return node._items.children[loc.item - 1] || node;
        return node.querySelector('.element-head');
      }
      return form.querySelector(`[data-loc="${loc.field}"]`);
    },
  };
}
