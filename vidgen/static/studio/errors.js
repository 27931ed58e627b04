// Where a refused save went wrong, read from the server's one-line message, so the studio can put the
// message next to the field it names. The server counts scenes, elements, items and steps from 1:
//   "invalid script: scene 3, visual step 2: no item 'z3' in element P"
//   "invalid script: scene 3, visual element 1 (P) item 2: 'blob' is not a shape; use one of ..."
//   "invalid script: scene 1, visual step 2 action is 'spin'; use one of show, ..."
//   "invalid script: scene 2: the narration is empty; write what the narrator says"
//   "invalid script: scene 2 on-screen text should be a valid list"
//   "invalid script: title should be a valid string"

// The words the server uses for a scene's fields (vidgen.script.model.FIELD_NAMES), back to the fields.
const SCENE_FIELDS = [
  [/^:? ?(?:the )?narration\b/, 'text'], [/^ on-screen text\b/, 'on_screen'], [/^ visuals \(anim\)/, 'anim'],
  [/^:? (?:the )?media\b/, 'media'], [/^ (\w+)\b/, null],
];

// The message as shown next to its field: the server's words, without the "invalid script:" lead.
export const plain = (message) => String(message || '').replace(/^invalid script: /, '');

// {scene, visual, step, element, item, field} (numbers from 1), or {field: 'title'}, or null
export function locate(message) {
  const text = String(message || '').replace(/^invalid script: /, '');
  const scene = /^scene (\d+)/.exec(text);
  if (!scene) {
    const top = /^(title|scenes)\b/.exec(text);
    return top ? { field: top[1] } : null;
  }
  const loc = { scene: Number(scene[1]) };
  const rest = text.slice(scene[0].length);
  const visual = /^,? visual\b:? ?/.exec(rest);
  if (visual) {
    loc.visual = true;
    const after = rest.slice(visual[0].length);
    const where = /^(?:step (\d+)|element (\d+)(?: \([^)]*\))?(?: item (\d+))?)(?: ([a-z_]+)\b)?/.exec(after);
    if (where) {
      if (where[1]) loc.step = Number(where[1]);
      if (where[2]) loc.element = Number(where[2]);
      if (where[3]) loc.item = Number(where[3]);
      if (where[4]) loc.field = where[4];
      // a step's own check names no field, but what it says points at one
      else if (loc.step && /: sentence \d+ is past/.test(after)) loc.field = 'sentence';
      else if (loc.step && /: (?:no (?:item|element)|element \S+ has|matrix \S+ has no)\b/.test(after)) loc.field = 'target';
    } else if (/^[A-Za-z0-9_-]{1,24}:/.test(after)) {
      loc.elementId = after.split(':', 1)[0];  // "scene 2, visual E: ..." names the element by its id
    } else {
      const field = /^([a-z_]+)\b/.exec(after);
      if (field) loc.field = field[1];
    }
    return loc;
  }
  for (const [pattern, field] of SCENE_FIELDS) {
    const m = pattern.exec(rest);
    if (m) {
      loc.field = field || m[1];
      break;
    }
  }
  return loc;
}
