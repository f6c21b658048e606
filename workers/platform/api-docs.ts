import type { OpenAPIHono } from "@hono/zod-openapi";
import { Hono, type Handler } from "hono";
import type { AppEnv } from "./context";

type OpenApiConfig = Parameters<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>[0];

type OpenApiDoc = ReturnType<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>;

/**
 * Serves the app's OpenAPI 3.1 document, generated once per isolate (routes are fixed after
 * startup). Unlike zod-openapi's own `doc31`, a schema that cannot be described is thrown to
 * `onError`, so it is logged with the request id and answered as a 500 problem. Paths under the
 * prefixes `hidden` names for a deployment (routes it switched off) are left out of its document.
 */
export function openApiDocument(
  app: OpenAPIHono<AppEnv>,
  config: OpenApiConfig,
  hidden: (env: Env) => readonly string[] = () => [],
): Handler<AppEnv> {
  let full: OpenApiDoc | undefined;
  const byHidden = new Map<string, OpenApiDoc>();
  return (c) => {
    const prefixes = hidden(c.env);
    const key = prefixes.join("\n");
    let doc = byHidden.get(key);
    if (!doc) {
      full ??= nullableRefsAsAnyOf(app.getOpenAPI31Document(config));
      doc = withoutPaths(full, prefixes);
      byHidden.set(key, doc);
    }
    return c.json(doc, 200, { "cache-control": "public, max-age=60" });
  };
}

/**
 * The generator writes a registered schema made nullable (`Offer.nullable()`) as
 * `allOf: [{ $ref }, { type: ["object", "null"] }]`, which no value satisfies as null: the $ref's
 * object type rules it out. Each such place becomes `anyOf: [{ $ref }, { type: "null" }]`, keeping
 * its description, so a client generated from the document takes the null the API sends.
 */
export function nullableRefsAsAnyOf<T>(value: T): T {
  if (Array.isArray(value)) return value.map(nullableRefsAsAnyOf) as T;
  if (!value || typeof value !== "object") return value;
  const o = value as Record<string, unknown>;
  const parts = o.allOf;
  if (Array.isArray(parts) && parts.length === 2) {
    const [ref, nullable] = parts as [Record<string, unknown>, Record<string, unknown>];
    const types = nullable?.type;
    const onlyNullable =
      typeof ref?.$ref === "string" &&
      Array.isArray(types) &&
      types.length === 2 &&
      types.includes("object") &&
      types.includes("null") &&
      Object.keys(nullable).every((k) => k === "type" || k === "description");
    if (onlyNullable) {
      const { allOf: _allOf, ...rest } = o;
      return { ...rest, ...(nullable.description ? { description: nullable.description } : {}), anyOf: [ref, { type: "null" }] } as T;
    }
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, nullableRefsAsAnyOf(v)])) as T;
}

function withoutPaths(doc: OpenApiDoc, prefixes: readonly string[]): OpenApiDoc {
  if (prefixes.length === 0 || !doc.paths) return doc;
  const paths = Object.fromEntries(Object.entries(doc.paths).filter(([path]) => !prefixes.some((p) => path.startsWith(p))));
  return { ...doc, paths };
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bazaar Edge API</title>
<link rel="stylesheet" href="/api/docs/docs.css">
</head>
<body>
<header><h1>Bazaar Edge storefront API</h1>
<p>Generated from <a href="/api/openapi.json">/api/openapi.json</a>. Try a call: requests run against this server with your session cookie (and its CSRF token) or the bearer token below.</p>
<label>Bearer token <input id="bearer" type="password" autocomplete="off" placeholder="optional"></label></header>
<main id="ops"><p>Loading the API description…</p></main>
<noscript><p>Interactive calls need JavaScript; the <a href="/api/openapi.json">OpenAPI document</a> works without it.</p></noscript>
<script src="/api/docs/docs.js" defer></script>
</body>
</html>`;

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem;color:#1b1b1b}
details{border:1px solid #ccc;border-radius:6px;margin:.5rem 0;padding:.25rem .75rem}
summary{cursor:pointer;font-family:ui-monospace,monospace}
.m{display:inline-block;min-width:4.5rem;font-weight:700}.get{color:#05601f}.post{color:#0a3d91}.put,.patch{color:#7a4b00}.delete{color:#a10000}
.access{float:right;font-size:.8rem;color:#555}label{display:block;margin:.3rem 0}input,textarea{font:inherit;width:100%;box-sizing:border-box}
textarea{font-family:ui-monospace,monospace;min-height:6rem}pre{background:#f4f4f4;padding:.5rem;overflow:auto;max-height:24rem}button{font:inherit;padding:.3rem 1rem}`;

// Runs in the browser. Built with DOM calls and textContent only, so nothing from the document is
// ever parsed as HTML, and served from this origin so the strict CSP needs no exception.
const SCRIPT = `"use strict";
const el = (tag, { dataset = {}, ...props } = {}, ...kids) => {
  const n = Object.assign(document.createElement(tag), props);
  Object.assign(n.dataset, dataset);
  n.append(...kids);
  return n;
};
const cookie = (name) => document.cookie.split("; ").find((c) => c.startsWith(name + "="))?.slice(name.length + 1);
async function send(method, path, form, out) {
  const params = {};
  let url = path;
  for (const input of form.querySelectorAll("input[data-in]")) {
    if (!input.value) continue;
    if (input.dataset.in === "path") url = url.replace("{" + input.name + "}", encodeURIComponent(input.value));
    else if (input.dataset.in === "query") params[input.name] = input.value;
  }
  const qs = new URLSearchParams(params).toString();
  const headers = { accept: "application/json" };
  const bearer = document.getElementById("bearer").value;
  if (bearer) headers.authorization = "Bearer " + bearer;
  const csrf = cookie("__Host-csrf");
  if (csrf) headers["x-csrf-token"] = csrf;
  for (const input of form.querySelectorAll("input[data-in=header]")) if (input.value) headers[input.name] = input.value;
  const body = form.querySelector("textarea")?.value;
  if (body) headers["content-type"] = "application/json";
  const res = await fetch(url + (qs ? "?" + qs : ""), { method: method.toUpperCase(), headers, body: body || undefined });
  const text = await res.text();
  let shown = text;
  try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch {}
  out.textContent = res.status + " " + res.statusText + "\\n" + shown;
}
function operation(method, path, op) {
  const form = el("form");
  for (const p of op.parameters ?? []) {
    form.append(el("label", {}, p.in + " " + p.name + (p.required ? " *" : ""), el("input", { name: p.name, dataset: { in: p.in } })));
  }
  const example = op.requestBody?.content?.["application/json"]?.schema;
  if (example) form.append(el("label", {}, "JSON body", el("textarea", { placeholder: JSON.stringify(example, null, 1) })));
  const out = el("pre");
  form.append(el("button", { type: "submit" }, "Send"));
  form.addEventListener("submit", (e) => { e.preventDefault(); send(method, path, form, out).catch((err) => { out.textContent = String(err); }); });
  const access = op["x-access"];
  return el("details", {},
    el("summary", {}, el("span", { className: "m " + method }, method.toUpperCase()), path + "  ", op.summary ?? "",
      el("span", { className: "access" }, Array.isArray(access) ? access.join(", ") : String(access ?? ""))),
    form, out);
}
fetch("/api/openapi.json").then((r) => r.json()).then((doc) => {
  const root = document.getElementById("ops");
  root.replaceChildren();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) root.append(operation(method, path, op));
  }
});`;

/** Interactive API docs at /api/docs: a page, a stylesheet and a script, all served from this Worker. */
export const apiDocsRoutes = new Hono<AppEnv>();

apiDocsRoutes.get("/docs", (c) => c.html(PAGE, 200, { "cache-control": "public, max-age=300" }));
apiDocsRoutes.get("/docs/docs.css", (c) =>
  c.body(STYLE, 200, { "content-type": "text/css; charset=utf-8", "cache-control": "public, max-age=300" }),
);
apiDocsRoutes.get("/docs/docs.js", (c) =>
  c.body(SCRIPT, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=300" }),
);
