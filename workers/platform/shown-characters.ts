import { createMiddleware } from "hono/factory";
import { AppError } from "./errors";

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
 * JSON as the API reads it: `application/json` in UTF-8, not compressed. Another JSON media type (a
 * patch document, a problem) would be read as if it were the plain body, a charset other than UTF-8
 * would be read as UTF-8, and a compressed body would be read as its compressed bytes: each is a 415
 * saying what to send, rather than an answer to something the client did not mean.
 */
function refuseOtherJsonKinds(type: string, encoding: string | undefined): void {
  const [media = "", ...params] = type.split(";").map((p) => p.trim());
  const charset = params
    .find((p) => p.startsWith("charset="))
    ?.slice("charset=".length)
    .replaceAll('"', "");
  const coded = encoding !== undefined && encoding.trim().toLowerCase() !== "identity" && encoding.trim() !== "";
  if (media === "application/json" && (charset === undefined || charset === "utf-8") && !coded) return;
  const sent = coded
    ? `A body with Content-Encoding ${encoding.slice(0, 40)}`
    : charset !== undefined && charset !== "utf-8"
      ? `A body in ${charset.slice(0, 40)}`
      : `A body of type ${media.slice(0, 100)}`;
  throw new AppError(
    "unsupported_media_type",
    `${sent} is not taken here: send it as JSON in UTF-8, uncompressed, with Content-Type: application/json.`,
  );
}

// Signed bodies are checked against their bytes as sent; the provider's own fields are not text a
// shopper typed, and re-reading the body here would hand the route a re-serialized copy.
const SIGNED_BODIES = new Set(["/api/payments/webhook"]);

/**
 * Refuses, before any route reads it, a JSON body whose text holds what `unshownFields` finds: a
 * 400 naming each such field, and nothing written. Every route is covered alike, so a new field
 * needs no check of its own.
 */
export const shownCharactersOnly = createMiddleware(async (c, next) => {
  const method = c.req.method;
  if (method === "GET" || method === "HEAD" || method === "OPTIONS" || SIGNED_BODIES.has(c.req.path)) return next();
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (!type.includes("json")) return next();
  refuseOtherJsonKinds(type, c.req.header("content-encoding"));
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
  throw new AppError("validation_failed", `${errors.length} field(s) failed validation: ${errors.map((e) => e.path).join(", ")}`, {
    errors,
  });
});
