import type { z } from "@hono/zod-openapi";

/**
 * A validation failure in words a client's developer, or a shopper reading a form's error, can act
 * on, for the failures a schema leaves to zod's defaults ("Too big: expected number to be <=10",
 * "Invalid input: expected int, received number"). Null when there are no better words, and the
 * schema's or zod's own message stands.
 */
export function issueWords(issue: z.core.$ZodIssue): string | null {
  switch (issue.code) {
    case "invalid_type":
      // zod leaves the input out of its issues unless asked; its message names what it received.
      if (issue.message.endsWith("received undefined")) return "Required";
      return TYPE_WORDS[issue.expected] ?? null;
    case "too_big":
      // A whole number past what a double holds exactly fails that bound before the field's own.
      if (Number(issue.maximum) >= Number.MAX_SAFE_INTEGER) return "Far too large a number";
      return boundWords("most", issue.origin, issue.maximum, issue.inclusive ?? true);
    case "too_small":
      if (issue.minimum === 1 && issue.origin === "string") return "Required; it cannot be empty";
      if (issue.minimum === 1 && (issue.origin === "array" || issue.origin === "set")) return "Name at least one";
      return boundWords("least", issue.origin, issue.minimum, issue.inclusive ?? true);
    case "invalid_value":
      return issue.values.length === 1 ? `Must be ${shown(issue.values[0])}` : `One of: ${issue.values.map(shown).join(", ")}`;
    case "invalid_format":
      return FORMAT_WORDS[issue.format] ?? "Not in the form this field takes";
    case "not_multiple_of":
      return `A multiple of ${String(issue.divisor)}`;
    case "invalid_union":
      return "Not one of the forms this field takes";
    default:
      return null;
  }
}

const TYPE_WORDS: Record<string, string> = {
  int: "A whole number",
  number: "A number",
  string: "Text",
  boolean: "true or false",
  object: "An object of named fields",
  array: "A list",
  date: "A date",
  bigint: "A whole number",
};

const FORMAT_WORDS: Record<string, string> = {
  email: "An email address, like name@example.com",
  url: "A web address, like https://example.com/page",
  datetime: "A date and time in ISO 8601, like 2026-12-06T12:00:00+05:30",
  date: "A date in ISO 8601, like 2026-12-06",
  uuid: "A UUID",
  regex: "Not in the form this field takes",
};

function boundWords(side: "most" | "least", origin: string, bound: number | bigint, inclusive: boolean): string | null {
  const n = Number(bound);
  const unit =
    origin === "string"
      ? ` ${n === 1 ? "character" : "characters"}`
      : origin === "array" || origin === "set"
        ? ` ${n === 1 ? "item" : "items"}`
        : origin === "number" || origin === "int" || origin === "bigint"
          ? ""
          : null;
  if (unit === null) return null;
  const amount = `${n.toLocaleString("en-IN")}${unit}`;
  if (inclusive) return `At ${side} ${amount}`;
  return side === "most" ? `Less than ${amount}` : `More than ${amount}`;
}

function shown(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : String(value);
}
