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
  /** Route class for rate limiting. */
  rateClass?: RateClass;
  middleware?: MiddlewareHandler<AppEnv>[];
};

/** Rate-limit classes; each maps to one rate-limit binding. */
export type RateClass = "auth" | "browse" | "cart" | "checkout" | "admin";

/**
 * Declares a route with its access rule in one place: authorization runs before validation,
 * so a guest learns nothing about a protected route's input shape.
 */
export function route<const R extends RouteInput>(config: R) {
  const { access, rateClass, middleware = [], ...rest } = config;
  return createRoute({
    ...rest,
    "x-access": access,
    ...(rateClass ? { "x-rate-class": rateClass } : {}),
    middleware: [authorize(access), ...middleware],
  } as Omit<R, "access" | "rateClass" | "middleware"> & { middleware: MiddlewareHandler<AppEnv>[] });
}
