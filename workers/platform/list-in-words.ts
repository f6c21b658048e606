/**
 * Items as a sentence lists them: "a", "a and b", "a, b and c" (or "a, b or c"), without a serial
 * comma, as every message of the store lists; nothing for no items.
 */
export function listInWords(items: readonly string[], conjunction: "and" | "or" = "and"): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items.at(-1)}`;
}
