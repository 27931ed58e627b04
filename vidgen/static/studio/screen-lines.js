// A scene's on-screen lines and its picture's words, kept one thing (used by the editor).
// The on-screen lines and the picture's words are one thing: when the scene has a picture of its own,
// its first text or list element is what the "On-screen text" box shows and writes (and the lines are
// kept equal to it); without one, the lines are what the derived picture is drawn from. The scene's
// layout menu and the picture's layout menu likewise move together.
const WORDED = ['text', 'bullets'];
export const TO_VISUAL = { title_and_main_content: 'full', split_screen: 'split' };
const TO_SCENE = { full: 'title_and_main_content', split: 'split_screen', title: 'title_and_main_content' };
const wordedElement = (visual) => (visual && Array.isArray(visual.elements)
  ? visual.elements.find((e) => e && WORDED.includes(e.kind)) : null);

export function screenLines(data) {
  const el = wordedElement(data.visual);
  if (el) return (el.items || []).map((it) => it.label || '');
  return Array.isArray(data.on_screen) ? data.on_screen : String(data.on_screen || '').split('\n').filter(Boolean);
}

export function withScreenLines(data, lines) {
  const el = wordedElement(data.visual);
  if (!el) return { ...data, on_screen: lines };
  const visual = structuredClone(data.visual);
  const target = visual.elements[data.visual.elements.indexOf(el)];
  target.items = lines.map((label, i) => ({ ...(el.items?.[i] || {}), label }));
  // a step aimed at a line that is gone would make the save fail: it goes with its line
  const ids = new Set(target.items.map((it) => it.id).filter(Boolean));
  visual.steps = (visual.steps || []).filter((st) => {
    const [head, tail] = String(st.target).split('.');
    if (head !== el.id || tail === undefined) return true;
    return /^\d+$/.test(tail) ? Number(tail) < lines.length : ids.has(tail);
  });
  return { ...data, on_screen: lines, visual };
}

// A change to the picture (its form or its JSON) carried over to the lines and the scene's layout.
export function withVisual(data, visual) {
  const out = { ...data, visual };
  if (visual && typeof visual === 'object') {
    if (visual.layout !== data.visual?.layout && TO_SCENE[visual.layout]) out.layout = TO_SCENE[visual.layout];
    const el = wordedElement(visual);
    if (el) out.on_screen = (el.items || []).map((it) => it.label || '').filter(Boolean);
  }
  return out;
}
