import { OpenAPIHono, createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { type Access, authorize } from "../accounts/authorize";
import type { AppEnv } from "./context";
import type { AppError } from "./errors";
import { issueWords } from "./issue-words";
import { withProblemBodies } from "./problem-schema";
import { fieldsRefused } from "./failed-fields";

/**
 * A router whose validation failures all become one 400 problem naming the failing fields,
 * so no handler ever returns zod's raw output.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationFailed(result.error.issues);
    },
  });
}

const pathOf = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join(".") : "(root)");

// zod's own wording ("Too small: expected string to have >=1 characters"), which a schema's
// words for the same field say better.
const ZOD_WORDING = /^(Too small|Too big|Invalid|Expected|expected)\b/;

/**
 * One message per field, in the order the fields failed: a field refused twice (a blank name
 * is both too short and not a name) is told the schema's own words, else zod's first.
 */
export function onePerField<E extends { path: string; message: string }>(errors: readonly E[]): E[] {
  const chosen = new Map<string, E>();
  for (const e of errors) {
    const held = chosen.get(e.path);
    if (!held || (ZOD_WORDING.test(held.message) && !ZOD_WORDING.test(e.message))) chosen.set(e.path, e);
  }
  return [...chosen.values()];
}

/**
 * The 400 naming each failing field, from zod's issues. A field the request may not carry is
 * named itself, as zod reports it on the object holding it (often the whole query, "(root)").
 */
function validationFailed(issues: readonly z.core.$ZodIssue[]): AppError {
  type Failed = { path: string; message: string; issue: z.core.$ZodIssue | null };
  const chosen = onePerField(
    issues.flatMap((issue): Failed[] =>
      issue.code === "unrecognized_keys"
        ? issue.keys.map((key) => ({ path: pathOf([...issue.path, key]), message: "Not a field this request takes", issue: null }))
        : [{ path: pathOf(issue.path), message: issue.message, issue }],
    ),
  );
  // What zod words by default is put in plain words; a schema's own words stand.
  const errors = chosen.map(({ path, message, issue }) => ({
    path,
    message: issue && ZOD_WORDING.test(message) ? (issueWords(issue) ?? message) : message,
  }));
  return fieldsRefused(errors);
}

/**
 * For a route taking headers and a JSON body: a request failing both is refused once, naming the
 * failing headers and body fields together. Validation runs one part at a time, so a client
 * missing its Idempotency-Key would otherwise fix the header, send again, and only then learn
 * what is wrong with the body. A body that is not JSON is left to the body's own validation.
 */
function headersWithBody(request: RequestConfig | undefined): MiddlewareHandler<AppEnv> | null {
  const headers = request?.headers;
  const media = request?.body?.content["application/json"];
  const body = media && "schema" in media ? media.schema : undefined;
  if (!(headers instanceof z.ZodType) || !(body instanceof z.ZodType)) return null;
  return async (c, next) => {
    const head = headers.safeParse(c.req.header());
    if (head.success || !(c.req.header("content-type") ?? "").toLowerCase().startsWith("application/json")) return next();
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      return next();
    }
    const parsed = body.safeParse(json);
    if (parsed.success) return next();
    throw validationFailed([...head.error.issues, ...parsed.error.issues]);
  };
}

type RouteInput = Omit<RouteConfig, "middleware"> & {
  /** Who may call the route; enforced by middleware and published as `x-access` for the authorization matrix. */
  access: Access;
  middleware?: MiddlewareHandler<AppEnv>[];
};

type RequestConfig = NonNullable<RouteConfig["request"]>;

/**
 * The answers every route of its kind can give, documented where the route does not word them
 * itself: 400 for input that fails validation, 401 and 403 from its access rule, and 429 from the
 * rate limit every path has. All are problem documents.
 */
function impliedResponses(access: Access, request: RequestConfig | undefined, declared: RouteConfig["responses"]) {
  const problem = (description: string) => ({ description: `${description} (an RFC 9457 problem document)` });
  const implied: RouteConfig["responses"] = {};
  if (request && Object.keys(request).length > 0) implied[400] = problem("Input that fails validation: `errors` names each failing field");
  implied[401] =
    access === "public"
      ? problem("A bearer token or session was sent and is not valid (expired or signed out): send none to read as a guest")
      : problem("Not signed in");
  // Every account is a shopper, so a rule naming shoppers refuses no one signed in.
  const role = Array.isArray(access) && !access.includes("shopper") ? `Signed in without the role: ${access.join(" or ")}` : null;
  // A browser's session cookie on a request that changes something also needs the page's CSRF token.
  const csrf = request?.body ? "Sent with a session cookie but without the page's CSRF token" : null;
  if (role || csrf) implied[403] = problem([role, csrf].filter(Boolean).join("; or "));
  if (request?.body) implied[413] = problem("A body larger than the API takes (64 KB)");
  if (request?.body?.content["application/json"])
    implied[415] = problem("A body that is not JSON in UTF-8, uncompressed, with Content-Type: application/json");
  implied[429] = problem("Too many requests: `Retry-After` says when to try again");
  return Object.fromEntries(Object.entries(implied).filter(([status]) => !(status in declared)));
}

/** The query of a route that declares none: nothing, so an unknown parameter is refused as anywhere else. */
const NO_QUERY = z.object({}).strict();

/**
 * Every route's query is strict, a route declaring none included: a misspelt or unsupported
 * parameter (`?sort=price` where no sort is taken) is a 400 naming it, never silently ignored, so
 * a client does not take an answer it did not shape for one it did.
 */
function queryDeclared(request: RequestConfig | undefined): RequestConfig {
  return request?.query ? request : { ...request, query: NO_QUERY };
}

/**
 * A declared body is required unless the route says otherwise: zod-openapi skips validation of an
 * optional body sent without a content type, which would hand the handler an unvalidated `{}`.
 * Routes accepting several media types keep their own setting, as requiring one would reject the other.
 */
function requireDeclaredBody(request: RequestConfig | undefined): RequestConfig | undefined {
  const body = request?.body;
  if (!request || !body || body.required !== undefined || Object.keys(body.content).length !== 1) return request;
  return { ...request, body: { ...body, required: true } };
}

/** The header a 201 sends with it: where the resource it created can be read. */
export const createdHeaders = z.object({
  location: z.string().openapi({ description: "Where the created resource can be read (a path on this API)" }),
});

/** A JSON response for a route's OpenAPI declaration, with the headers it documents (a 201's `Location`). */
export const json = <T extends z.ZodType>(schema: T, description: string, headers?: typeof createdHeaders) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema } },
});

/**
 * Declares a route with its access rule in one place: authorization runs before validation,
 * so a guest learns nothing about a protected route's input shape. Rate-limit classes come from
 * the path (see platform/rate-limit.ts), so every route, page and unknown path is limited alike.
 */
export function route<const R extends RouteInput>(config: R) {
  const { access, middleware = [], ...rest } = config;
  const request = requireDeclaredBody(queryDeclared(rest.request));
  const together = headersWithBody(request);
  return createRoute({
    ...rest,
    responses: withProblemBodies({ ...rest.responses, ...impliedResponses(access, request, rest.responses) }),
    ...(request ? { request } : {}),
    // Who may call it, as OpenAPI says it: a bearer token or the browser's session, unless anyone may.
    ...(access === "public" ? {} : { security: [{ bearer: [] }, { session: [] }] }),
    "x-access": access,
    middleware: [authorize(access), ...middleware, ...(together ? [together] : [])],
  } as Omit<R, "access" | "middleware"> & { middleware: MiddlewareHandler<AppEnv>[] });
}
