import { createMiddleware } from "hono/factory";
import type { AppEnv, Principal, Role } from "../platform/context";
import { AppError } from "../platform/errors";

/**
 * Who may call a route: anyone, any signed-in user, or users holding one of the listed roles.
 * Ownership (a seller's own listing, a shopper's own order) is checked by the domain query,
 * which is always scoped by the principal's ids.
 */
export type Access = "public" | "signed_in" | readonly Role[];

/** True when the principal satisfies the access rule. */
export function allows(access: Access, user: Principal | null): boolean {
  if (access === "public") return true;
  if (!user) return false;
  if (access === "signed_in") return true;
  return access.some((role) => user.roles.includes(role));
}

/** Enforces a route's declared access: 401 for guests, 403 for signed-in users without the role. */
export function authorize(access: Access) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!allows(access, c.var.user)) {
      if (!c.var.user) throw new AppError("unauthenticated", "Sign in to continue.");
      throw new AppError("forbidden", "Your account does not have access to this.");
    }
    await next();
  });
}

/** The signed-in principal; for handlers behind a non-public route. */
export function requireUser(user: Principal | null): Principal {
  if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
  return user;
}
