"""GET /openapi.json (OpenAPI 3.1, built from the pydantic models) and GET /docs (offline)."""

from __future__ import annotations

from aiohttp import web

from vidgen import __version__
from vidgen.models import Script
from vidgen.server import schemas

# (method, path, summary, request model or None, family)
ROUTES = [
    ("get", "/", "Service name, version and endpoints", None, "meta"),
    ("get", "/health", "Health and real dependency checks", None, "meta"),
    ("post", "/api/generate_scripts", "Start writing script variations; answers with their tokens at once",
     schemas.GenerateScripts, "api"),
    ("get", "/api/script/{token}", "A script: 200 ready, 202 pending, failed with its error, 404 unknown", None, "api"),
    ("post", "/api/script/{token}", "Update a script (scenes merged by seq); a new version", Script, "api"),
    ("post", "/api/generate/{token}", "Queue a render of the script", schemas.RenderConfig, "api"),
    ("get", "/api/job/{job_id}", "A job's status, progress, stage, result or error", None, "api"),
    ("get", "/api/jobs", "Jobs, newest first (?limit=50)", None, "api"),
    ("delete", "/api/job/{job_id}", "Cancel a job if running and remove its record", None, "api"),
    ("post", "/api/validate_config", "Check a render config and the server's dependencies", schemas.RenderConfig,
     "api"),
    ("post", "/submit", "Write three variations for a chat and wait for them", schemas.Submit, "frontend"),
    ("post", "/update_script/{token}", "Replace a script; a new version", schemas.UpdateScript, "frontend"),
    ("post", "/confirm_script/{token}", "Queue a render for a chat", schemas.Confirm, "frontend"),
    ("get", "/generation_status/{job_id}", "A job, for a chat", None, "frontend"),
    ("get", "/generation_jobs", "Jobs, newest first", None, "frontend"),
    ("delete", "/generation_job/{job_id}", "Cancel and remove a job", None, "frontend"),
    ("get", "/videos", "Rendered videos", None, "frontend"),
    ("get", "/video-info/{filename}", "One video's details", None, "frontend"),
    ("get", "/stream/{filename}", "The video, with Range, HEAD, ETag and If-Range", None, "frontend"),
    ("get", "/download/{filename}", "The video (or its .vtt, .srt, .jpg) as an attachment", None, "frontend"),
    ("get", "/events/{chatID}", "Server-Sent Events of a chat (Last-Event-ID replays)", None, "frontend"),
    ("get", "/studio", "The studio: a web page from topic to video, built on these routes", None, "meta"),
]


def document() -> dict:
    components: dict = {}
    models = {m.__name__: m for m in (Script, schemas.GenerateScripts, schemas.RenderConfig, schemas.Submit,
                                      schemas.UpdateScript, schemas.Confirm)}
    for name, model in models.items():
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for sub, body in schema.pop("$defs", {}).items():
            components[sub] = body
        components[name] = schema
    components["ApiError"] = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
    components["FrontendError"] = {"type": "object", "required": ["success", "message", "error"],
                                   "properties": {"success": {"const": False}, "message": {"type": "string"},
                                                  "error": {"type": "string"}}}
    paths: dict = {}
    for method, path, summary, model, family in ROUTES:
        op: dict = {"summary": summary, "tags": [family], "responses": {"200": {"description": "OK",
                    "content": {"application/json": {"schema": {"type": "object"}}}}}}
        params = [p.strip("{}") for p in path.split("/") if p.startswith("{")]
        if params:
            op["parameters"] = [{"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
                                for p in params]
        if path in ("/api/jobs", "/generation_jobs"):
            op["parameters"] = [{"name": "limit", "in": "query", "required": False,
                                 "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}]
        if model is not None:
            op["requestBody"] = {"required": True, "content": {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{model.__name__}"}}}}
        error = "ApiError" if family == "api" else "FrontendError"
        for status in (["400", "404", "413", "429"] if model or params else ["400"]):
            op["responses"][status] = {"description": "error", "content": {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{error}"}}}}
        if path.startswith("/stream/"):
            op["responses"]["206"] = {"description": "Partial content"}
            op["responses"]["416"] = {"description": "Range not satisfiable"}
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


async def openapi_json(request: web.Request) -> web.Response:
    return web.json_response(document())


async def docs(request: web.Request) -> web.Response:
    return web.Response(text=DOCS, content_type="text/html")


def routes(app: web.Application) -> None:
    app.router.add_get("/openapi.json", openapi_json)
    app.router.add_get("/docs", docs)
