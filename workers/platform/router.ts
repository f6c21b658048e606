import { OpenAPIHono, createRoute, type RouteConfig } from "@hono/zod-openapi";
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
      if (!result.success) {
        const errors = result.error.issues.map((issue) => ({
          path: issue.path.length ? issue.path.map(String).join(".") : "(root)",
          message: issue.message,
        }));
        throw new AppError("validation_failed", `${errors.length} field(s) failed validation: ${errors.map((e) => e.path).join(", ")}`, {
          errors,
        });
      }
    },
  });
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
  return createRoute({
    ...rest,
    ...(request ? { request } : {}),
    "x-access": access,
    middleware: [authorize(access), ...middleware],
  } as Omit<R, "access" | "middleware"> & { middleware: MiddlewareHandler<AppEnv>[] });
}
