"""The OpenAPI 3.1 document (built from the route tables and the pydantic models) and the offline docs page."""

from __future__ import annotations

from vidgen import __version__
from vidgen.server.helpers import Doc

ERROR_SCHEMAS = {
    "ApiError": {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]},
    "FrontendError": {"type": "object", "required": ["success", "message", "error"],
                      "properties": {"success": {"const": False}, "message": {"type": "string"},
                                     "error": {"type": "string"}}},
}


def document(docs: dict[tuple[str, str], Doc]) -> dict:
    """OpenAPI 3.1 from the route tables' own docs (see helpers.Routes): the routes are listed once."""
    components: dict = dict(ERROR_SCHEMAS)
    paths: dict = {}
    for (method, path), doc in sorted(docs.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        op: dict = {"summary": doc.summary, "tags": [doc.family],
                    "responses": {"200": {"description": "OK",
                                          "content": {"application/json": {"schema": {"type": "object"}}}}}}
        params = [p.strip("{}") for p in path.split("/") if p.startswith("{")]
        op["parameters"] = [{"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
                            for p in params]
        op["parameters"] += [{"name": name, "in": "query", "required": False, "schema": {"type": kind}}
                             for name, kind in doc.query]
        if not op["parameters"]:
            del op["parameters"]
        model = doc.body
        if model is not None:
            schema = model.model_json_schema(ref_template="#/components/schemas/{model}")  # type: ignore[attr-defined]
            components.update(schema.pop("$defs", {}))
            components[model.__name__] = schema
            op["requestBody"] = {"required": True, "content": {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{model.__name__}"}}}}
        error = "ApiError" if doc.family == "api" else "FrontendError"
        for status in (["400", "404", "413", "429"] if model or params else ["400"]):
            op["responses"][status] = {"description": "error", "content": {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{error}"}}}}
        for status, description in doc.responses:
            op["responses"][status] = {"description": description}
        paths.setdefault(path, {})[method] = op
    return {"openapi": "3.1.0",
            "info": {"title": "vidgen", "version": __version__,
                     "description": "Topic to narrated video. Errors on /api/* are {detail}; others are "
                                    "{success: false, message, error}."},
            "paths": paths, "components": {"schemas": components,
                                           "securitySchemes": {"ApiKey": {"type": "apiKey", "in": "header",
                                                                          "name": "X-API-Key"}}}}


DOCS = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>vidgen API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:920px;margin:2rem auto;padding:0 1rem;color:#1d2330}
h1{font-size:1.6rem}code,pre{font:13px ui-monospace,monospace}pre{background:#f4f5f8;padding:.8rem;overflow:auto;
border-radius:6px}.op{border:1px solid #dde1ea;border-radius:8px;margin:.8rem 0;padding:.6rem 1rem}
.m{display:inline-block;min-width:4.5rem;font-weight:700;text-transform:uppercase}.get{color:#0a7d43}
.post{color:#1a5fd0}.delete{color:#c0392b}details summary{cursor:pointer;color:#555}</style></head>
<body><h1>vidgen API</h1><p>Every route of this server, from <a href="/openapi.json">/openapi.json</a>.
The <a href="/studio">studio</a> uses only these routes.</p><div id="ops">Loading…</div>
<script type="module">
const doc = await (await fetch('/openapi.json')).json();
const el = document.getElementById('ops'); el.textContent = '';
const schemas = doc.components.schemas;
for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
  const box = document.createElement('div'); box.className = 'op';
  const head = document.createElement('div');
  head.innerHTML = `<span class="m ${method}">${method}</span> <code></code>`;
  head.querySelector('code').textContent = path;
  const p = document.createElement('p'); p.textContent = op.summary;
  box.append(head, p);
  const ref = op.requestBody?.content['application/json'].schema.$ref;
  if (ref) { const name = ref.split('/').pop(); const d = document.createElement('details');
    d.innerHTML = '<summary>body: ' + name + '</summary><pre></pre>';
    d.querySelector('pre').textContent = JSON.stringify(schemas[name], null, 2); box.append(d); }
  el.append(box);
}
</script></body></html>"""
