import { z } from "@hono/zod-openapi";

// Query values arrive as strings. Coercion would read "0x3" as 3, "1e1" as 10 and an empty one as
// 0; only digits are read as a whole number, anything else is left a string and fails as "expected
// number", naming the field.
const DIGITS = /^\d{1,15}$/;

/** A whole number in a query string, checked by `schema` (which may carry its default). */
export function queryInt<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === "string" && DIGITS.test(v) ? Number(v) : v), schema);
}
