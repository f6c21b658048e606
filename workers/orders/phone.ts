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
