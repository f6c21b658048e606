import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context";
import { readConfig } from "./config";
import { AppError } from "./errors";
import { renderNotFound } from "./front-door";

/**
 * Whether the built-in payment sandbox runs. It confirms any payment for whoever presses "pay", so
 * it belongs to local development, tests and demos (DEMO_MODE=true) and never to a real shop.
 */
export function paymentSandboxEnabled(env: Env): boolean {
  return readConfig(env).DEMO_MODE === "true";
}

/** Outside demo mode the sandbox's pages and API do not exist, exactly like any unknown path. */
export const sandboxOnlyInDemo = createMiddleware<AppEnv>(async (c, next) => {
  if (!paymentSandboxEnabled(c.env)) return renderNotFound(c);
  await next();
});

/**
 * The sandbox is the only payment provider there is, so outside demo mode checkout is refused up
 * front: no stock is held and no order opened that nobody could pay for.
 */
export const checkoutNeedsPaymentProvider = createMiddleware<AppEnv>(async (c, next) => {
  if (!paymentSandboxEnabled(c.env)) {
    throw new AppError(
      "payments_unavailable",
      "Checkout is unavailable: no payment provider is configured. The built-in sandbox provider runs only when DEMO_MODE is true.",
    );
  }
  await next();
});
