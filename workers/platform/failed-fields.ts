import { AppError, type FieldError } from "./errors";
import { listInWords } from "./list-in-words";

/**
 * The 400 refusing input field by field. Its detail is a sentence a client's developer can log as
 * it stands: one field is named with what is wrong with it, several are named in a list, and the
 * `errors` array says what is wrong with each.
 */
export function fieldsRefused(errors: FieldError[], failed = "failed validation"): AppError {
  return new AppError("validation_failed", failedFieldsDetail(errors, failed), { errors });
}

/** The detail of `fieldsRefused`: "quantity: at least 1." or "3 fields failed validation: a, b and c." */
export function failedFieldsDetail(errors: readonly FieldError[], failed = "failed validation"): string {
  const paths = [...new Set(errors.map((e) => named(e.path)))];
  const [only] = errors;
  if (paths.length === 1 && only) return `${capitalized(paths[0]!)}: ${asClause(only.message)}`;
  return `${paths.length} fields ${failed}: ${listInWords(paths)}.`;
}

// zod names the input itself "(root)" in `errors`; a sentence calls it what it is.
const named = (path: string) => (path === "(root)" ? "the input" : path);
const capitalized = (path: string) => (path === "the input" ? "The input" : path);

/** A field's message continuing a sentence: its first word lowercased unless it is an acronym (PIN, MRP). */
function asClause(message: string): string {
  const text = message.trim();
  const lowered = /^[A-Z](?![A-Z])/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
  return /[.!?]$/.test(lowered) ? lowered : `${lowered}.`;
}
