import { z } from "@hono/zod-openapi";

/**
 * An email address as the API takes it wherever one is typed (registering, signing in, a reset,
 * an email change). Spaces around an address pasted into a client are not part of it, as a
 * browser's email field drops them.
 */
export const EmailField = z.string().trim().max(254).pipe(z.email()).openapi({ example: "shopper@demo.test" });
