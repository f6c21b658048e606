import { z } from "@hono/zod-openapi";

/** What a client is told of an Idempotency-Key header it sent that no route takes. */
export const IDEMPOTENCY_KEY_RULE = "An Idempotency-Key is 1 to 255 printable ASCII characters without spaces, e.g. a UUID";

/**
 * The one rule for an Idempotency-Key, on every route that takes one. It is checkout's, the route
 * the public contract names the header on, so no client of it is refused a key it already sends.
 */
const IdempotencyKey = z
  .string({ error: "Send an Idempotency-Key header" })
  .min(1, IDEMPOTENCY_KEY_RULE)
  .max(255, IDEMPOTENCY_KEY_RULE)
  .regex(/^[\x21-\x7e]+$/, IDEMPOTENCY_KEY_RULE);

const documented = (meaning: string) => ({
  description: `${meaning} ${IDEMPOTENCY_KEY_RULE}.`,
  example: "7c1e6a52-0b8f-4f7e-9a57-2f3b1c1d9e10",
});

/** A required Idempotency-Key header, documented with what a retry under it does on its route. */
export const idempotencyKeyHeader = (meaning: string) => IdempotencyKey.openapi(documented(meaning));

/** An optional Idempotency-Key header: without it the route still answers, but a retry is not recognised as one. */
export const optionalIdempotencyKeyHeader = (meaning: string) => IdempotencyKey.optional().openapi(documented(meaning));
