import { z } from "@hono/zod-openapi";

/**
 * A phone number as it is typed, reduced to the 10-digit Indian mobile number it names, or null when
 * it names none. Callers read their number out in whatever form they know it ("+91 98765 43210",
 * "098765-43210"), and checkout accepts it with or without +91, so orders keep it in this one form
 * (`orders.phone`) and a lookup compares like with like. The migration that added the column
 * backfills it with the same rules in SQL. Only digits and the separators people write between them
 * count as a number: "order 9876543210" is not one.
 */
export function normalizePhone(typed: string): string | null {
  if (!/^[\d\s+\-().]+$/.test(typed)) return null;
  const digits = typed.replace(/\D/g, "");
  if (digits.length === 10) return digits;
  if (digits.length === 12 && digits.startsWith("91")) return digits.slice(2);
  if (digits.length === 11 && digits.startsWith("0")) return digits.slice(1);
  return null;
}

/**
 * A mobile number field, read as people write it ("98765 43210", "+91 98765 43210",
 * "098765-43210") and passed on as its 10 digits, the one form orders keep it in: the API and the
 * address forms take the same numbers, and say the same when one is not a number.
 */
export const PhoneField = z
  .preprocess(
    (typed) => (typeof typed === "string" ? (normalizePhone(typed.trim()) ?? typed.trim()) : typed),
    z.string().regex(/^[6-9]\d{9}$/, "Enter a 10-digit Indian mobile number"),
  )
  .openapi({
    type: "string",
    // What the check lets through is 10 digits with +91, a 0, spaces or dashes: never longer.
    maxLength: 20,
    description: "A 10-digit Indian mobile number, with or without +91 or a leading 0, spaces or dashes; kept as its 10 digits",
    example: "+91 98765 43210",
  });
