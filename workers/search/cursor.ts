import { AppError } from "../platform/errors";
import { base64url, fromBase64url } from "../platform/ids";
import type { SearchParams } from "./schemas";

/** Deeper than this a shopper refines instead of paging; it also bounds the cost of OFFSET. */
export const MAX_OFFSET = 2_000;

/** A stable fingerprint of everything but the page position, so a cursor only continues its own query. */
export function queryFingerprint(p: SearchParams): string {
  const key = JSON.stringify([
    p.q ?? "",
    p.category ?? "",
    [...(p.brand ?? [])].sort(),
    p.price_min,
    p.price_max,
    p.rating_min,
    p.in_stock,
    p.sort,
  ]);
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

/** The opaque cursor for the page starting at `offset`. */
export function encodeCursor(p: SearchParams, offset: number): string {
  return base64url(new TextEncoder().encode(JSON.stringify({ o: offset, f: queryFingerprint(p) })));
}

/** The offset a cursor points at; a malformed cursor or one from another query is a 400. */
export function decodeCursor(p: SearchParams): number {
  if (!p.cursor) return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(fromBase64url(p.cursor)));
  } catch {
    throw invalid("is not a cursor this API issued");
  }
  const c = parsed as { o?: unknown; f?: unknown };
  if (typeof c.o !== "number" || !Number.isInteger(c.o) || c.o < 0 || c.o > MAX_OFFSET) throw invalid("is not a cursor this API issued");
  if (c.f !== queryFingerprint(p)) throw invalid("belongs to a different query or filters");
  return c.o;
}

function invalid(why: string): AppError {
  return new AppError("validation_failed", `The cursor ${why}.`, { errors: [{ path: "cursor", message: `cursor ${why}` }] });
}
