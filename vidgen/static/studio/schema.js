// What a scene and a visual may hold, read from the server's /openapi.json (built from its own
// pydantic models), so the editor offers exactly the fields and choices the server accepts.
import { call } from './api.js';
import { store } from './state.js';

// Fields the editor shows in their own controls; every other known field gets a plain one.
export const EDITED = ['seq', 'text', 'layout', 'on_screen', 'media', 'visual'];

// Friendlier names for values the schema lists; a value without one is shown as it is.
const LAYOUT_LABELS = { title_and_main_content: 'Title and content', split_screen: 'Split screen',
                        custom: 'Big statement' };

function resolve(schemas, node) {
  if (node?.$ref) return schemas[node.$ref.split('/').pop()];
  return node;
}

// {type, enum, minimum, maximum} of a property, looking through anyOf [..., null]
function shape(schemas, prop) {
  const options = prop.anyOf ? prop.anyOf.filter((o) => o.type !== 'null') : [prop];
  const first = resolve(schemas, options[0]) || {};
  const types = options.map((o) => resolve(schemas, o)?.type).filter(Boolean);
  return { type: first.type || 'string', types, enum: first.enum, minimum: first.minimum, maximum: first.maximum,
           description: prop.description || first.description || '' };
}

export function fromOpenAPI(doc) {
  const schemas = doc.components.schemas;
  const scene = schemas.Scene;
  const fields = Object.entries(scene.properties).map(([name, prop]) => ({
    name, title: prop.title || name, required: (scene.required || []).includes(name), ...shape(schemas, prop),
  }));
  const enumOf = (model, prop) => shape(schemas, schemas[model].properties[prop]).enum || [];
  return {
    sceneFields: fields,
    known: new Set(fields.map((f) => f.name)),
    layouts: (fields.find((f) => f.name === 'layout')?.enum || []).map((v) => ({ value: v,
                                                                                label: LAYOUT_LABELS[v] || v })),
    kinds: enumOf('Element', 'kind'),
    // each kind's form: its noun, the item fields it uses, its hints, how an item is said (the kind registry)
    kindForms: Object.fromEntries((schemas.Element['x-kinds'] || []).map((k) => [k.name, k])),
    actions: enumOf('Step', 'action'),
    visualLayouts: enumOf('Visual', 'layout'),
    maxElements: schemas.Visual.properties.elements.maxItems,
    maxSteps: schemas.Visual.properties.steps.maxItems,
    maxItems: schemas.Element.properties.items.maxItems,
  };
}

export async function loadSchema() {
  if (store.get().schema) return store.get().schema;
  const { data } = await call('GET', '/openapi.json');
  const schema = fromOpenAPI(data);
  store.set({ schema });
  return schema;
}

// The known fields the editor has no special control for (anim, duration_sec, voice, ...).
export function plainFields(schema) {
  return schema.sceneFields.filter((f) => !EDITED.includes(f.name));
}
