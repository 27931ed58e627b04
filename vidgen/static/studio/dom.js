// Building and updating the page without innerHTML: user text only ever goes in as text nodes.

export const $ = (id) => document.getElementById(id);

// Properties set as properties (their attributes mean "initial value" only).
const PROPS = new Set(['value', 'checked', 'disabled', 'hidden', 'selected', 'open', 'indeterminate']);

// h('button', {class: 'ghost', onclick: fn, text: 'Save'}, child, ...): one element, children appended as
// nodes or text. A null, undefined or false prop or child is skipped.
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'text') el.textContent = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (PROPS.has(name)) el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

// The one list helper: makes `container`'s children match `items`, one node per key, in order.
// Nodes are reused by key (so focus, typing and open <details> survive an update), created by
// `create(item, index)` when new, refreshed by `update(node, item, index)` every time, and removed
// when their key is gone. `empty()` gives a placeholder node for an empty list.
export function renderList(container, items, { key, create, update, empty }) {
  const old = new Map();
  for (const node of [...container.children]) {
    if (node.dataset.key !== undefined) old.set(node.dataset.key, node);
    else node.remove();  // a placeholder from an earlier empty list
  }
  let previous = null;
  items.forEach((item, index) => {
    const k = String(key(item, index));
    let node = old.get(k);
    if (node) old.delete(k);
    else {
      node = create(item, index);
      node.dataset.key = k;
    }
    update?.(node, item, index);
    const expected = previous ? previous.nextSibling : container.firstChild;
    if (node !== expected) container.insertBefore(node, expected);
    previous = node;
  });
  for (const node of old.values()) node.remove();
  if (!items.length && empty) container.append(empty());
}

// Sets a control's value only when it differs: rewriting an unchanged value moves the caret.
export function setValue(control, value) {
  const text = value === undefined || value === null ? '' : String(value);
  if (control.value !== text) control.value = text;
}

export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

// Options of a <select> from [{value, label, disabled, title}], keeping the selection when it still exists.
export function setOptions(select, options, selected) {
  renderList(select, options, {
    key: (o) => o.value,
    create: (o) => h('option', { value: o.value }),
    update: (node, o) => {
      setText(node, o.label ?? o.value);
      node.disabled = Boolean(o.disabled);
      if (o.title) node.title = o.title; else node.removeAttribute('title');
    },
  });
  if (selected !== undefined && options.some((o) => String(o.value) === String(selected) && !o.disabled)) {
    select.value = String(selected);
  }
}

export function debounce(fn, ms) {
  let timer = null;
  const run = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  run.cancel = () => clearTimeout(timer);
  return run;
}

let counter = 0;
export const newKey = (prefix = 'k') => `${prefix}${++counter}`;

// Marks a row as wrong with the server's message right under it (announced to screen readers), or
// clears it with a null message. The row's controls (or only `control`, the one the message names)
// are marked invalid and point at the message (aria-describedby).
export function setError(row, message, control = null) {
  let note = row.querySelector(':scope > .field-error');
  const controls = row.querySelectorAll('input, select, textarea');
  if (!message) {
    note?.remove();
    row.classList.remove('invalid');
    controls.forEach((c) => { c.removeAttribute('aria-invalid'); c.removeAttribute('aria-describedby'); });
    return;
  }
  if (!note) {
    note = h('p', { class: 'field-error', role: 'alert', id: newKey('error-') });
    row.append(note);
  }
  setText(note, message);
  row.classList.add('invalid');
  controls.forEach((c) => {
    if (control && c !== control) { c.removeAttribute('aria-invalid'); c.removeAttribute('aria-describedby'); return; }
    c.setAttribute('aria-invalid', 'true');
    c.setAttribute('aria-describedby', note.id);
  });
}
