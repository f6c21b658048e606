import { createMiddleware } from "hono/factory";
import { isSignedBody } from "./signed-bodies";
import { fieldsRefused } from "./failed-fields";

/**
 * What no text this API takes may hold: control characters other than tab and line breaks, and the
 * marks that embed, override or isolate the direction of text. Names, addresses, questions and
 * reasons reach other people's pages, invoices and mails, where a terminal escape does damage and
 * text that reads backwards beside its neighbours can pass for something it is not.
 */
// With the u flag a surrogate pair is one code point, so this matches only a half with no partner.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is being refused
const UNSHOWN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/**
 * A JSON body that may hold one of those, or half of a UTF-16 pair, written out as an escape or as
 * itself (a raw control character is already malformed JSON). Only such a body is parsed again to
 * find the fields: the check costs one scan of the text for every other body.
 */
const MAYBE =
  /\\u(?:00(?:0[0-8bcef]|1[0-9a-f]|7f|[89][0-9a-f])|20(?:2[a-e]|6[6-9])|d[89a-f])|\\[bf]|[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/iu;

export const BROKEN_CHARACTER = "Contains a broken character (half of a UTF-16 pair): send the text as typed";
export const UNSHOWN_CHARACTER = "Use letters, digits, spaces and punctuation only";

/** Whether text holds a control character (but a tab or line break) or a mark that turns text around. */
export function hasUnshownCharacters(text: string): boolean {
  return UNSHOWN.test(text);
}

/** Each field of a parsed JSON value holding text no page should show, with what is wrong with it. */
export function unshownFields(value: unknown, path: string[] = []): { path: string; message: string }[] {
  const at = () => (path.length ? path.join(".") : "(root)");
  if (typeof value === "string") {
    if (LONE_SURROGATE.test(value)) return [{ path: at(), message: BROKEN_CHARACTER }];
    return UNSHOWN.test(value) ? [{ path: at(), message: UNSHOWN_CHARACTER }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => unshownFields(v, [...path, String(i)]));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => [
      ...(!LONE_SURROGATE.test(k) && !UNSHOWN.test(k) ? [] : [{ path: [...path, k].join("."), message: "Not a field this request takes" }]),
      ...unshownFields(v, [...path, k]),
    ]);
  }
  return [];
}

/**
 * Refuses, before any route reads it, a JSON body whose text holds what `unshownFields` finds: a
 * 400 naming each such field, and nothing written. Every route is covered alike, so a new field
 * needs no check of its own.
 */
export const shownCharactersOnly = createMiddleware(async (c, next) => {
  const method = c.req.method;
  if (method === "GET" || method === "HEAD" || method === "OPTIONS" || isSignedBody(c.req.path)) return next();
  // Any other kind of JSON body was refused before this (json-media-type.ts).
  if (!(c.req.header("content-type") ?? "").toLowerCase().includes("json")) return next();
  const text = await c.req.raw.clone().text();
  if (!MAYBE.test(text)) return next();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Malformed JSON is the route's own refusal to make.
    return next();
  }
  const errors = unshownFields(parsed);
  if (errors.length === 0) return next();
  throw fieldsRefused(errors);
});
