import { OpenAPIHono, createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { authorize, type Access } from "../accounts/authorize";
import type { AppEnv } from "./context";
import { AppError } from "./errors";

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

/**
 * The 400 naming each failing field, from zod's issues. A field the request may not carry is
 * named itself, as zod reports it on the object holding it (often the whole query, "(root)").
 */
function validationFailed(issues: readonly z.core.$ZodIssue[]): AppError {
  const errors = issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: pathOf([...issue.path, key]), message: "Not a field this request takes" }))
      : [{ path: pathOf(issue.path), message: issue.message }],
  );
  return new AppError("validation_failed", `${errors.length} field(s) failed validation: ${errors.map((e) => e.path).join(", ")}`, {
    errors,
  });
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
 * A declared body is required unless the route says otherwise: zod-openapi skips validation of an
 * optional body sent without a content type, which would hand the handler an unvalidated `{}`.
 * Routes accepting several media types keep their own setting, as requiring one would reject the other.
 */
function requireDeclaredBody(request: RequestConfig | undefined): RequestConfig | undefined {
  const body = request?.body;
  if (!request || !body || body.required !== undefined || Object.keys(body.content).length !== 1) return request;
  return { ...request, body: { ...body, required: true } };
}

/**
 * Declares a route with its access rule in one place: authorization runs before validation,
 * so a guest learns nothing about a protected route's input shape. Rate-limit classes come from
 * the path (see platform/rate-limit.ts), so every route, page and unknown path is limited alike.
 */
export function route<const R extends RouteInput>(config: R) {
  const { access, middleware = [], ...rest } = config;
  const request = requireDeclaredBody(rest.request);
  const together = headersWithBody(request);
  return createRoute({
    ...rest,
    ...(request ? { request } : {}),
    "x-access": access,
    middleware: [authorize(access), ...middleware, ...(together ? [together] : [])],
  } as Omit<R, "access" | "middleware"> & { middleware: MiddlewareHandler<AppEnv>[] });
}
