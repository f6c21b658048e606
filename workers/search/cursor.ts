import { AppError } from "../platform/errors";
import { base64url, fromBase64url } from "../platform/ids";
import type { SearchParams } from "./schemas";
import { SORT_KEYS, type SortKey, type SortPosition } from "./sort-sql";

/** Deeper than this a shopper refines instead of paging. */
export const MAX_DEPTH = 2_000;

/**
 * Where the next page starts: strictly after the last row shown, by that row's sort key and id,
 * never at a count of rows. A product whose price, rating or stock changes between two page
 * loads then moves only itself: the rows that did not move are neither shown twice nor skipped.
 */
export interface Position extends SortPosition {
  /** How many results came before the next page; it only bounds how deep paging goes. */
  depth: number;
}

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
    p.group,
  ]);
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

/**
 * The opaque cursor for the page after `at`. JSON writes a double as the shortest text that reads
 * back as the same number, so a score or an average rating compares equal to the row's own.
 */
export function encodeCursor(p: SearchParams, at: Position): string {
  return base64url(new TextEncoder().encode(JSON.stringify([queryFingerprint(p), at.depth, at.id, ...at.key])));
}

/** Where a cursor points, or null for the first page; a malformed cursor or one from another query is a 400. */
export function decodeCursor(p: SearchParams): Position | null {
  if (!p.cursor) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(fromBase64url(p.cursor)));
  } catch {
    throw invalid("is not a cursor this API issued");
  }
  if (!Array.isArray(parsed)) throw invalid("is not a cursor this API issued");
  const [fingerprint, depth, id, ...key] = parsed as unknown[];
  if (typeof fingerprint !== "string" || typeof id !== "string" || id.length === 0) throw invalid("is not a cursor this API issued");
  if (typeof depth !== "number" || !Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH)
    throw invalid("is not a cursor this API issued");
  if (fingerprint !== queryFingerprint(p)) throw invalid("belongs to a different query or filters");
  const keys = SORT_KEYS[p.sort];
  if (key.length !== keys.length || !keys.every((k, i) => fits(k, key[i]))) throw invalid("is not a cursor this API issued");
  return { depth, id, key: key as Array<number | string | null> };
}

function fits(k: SortKey, v: unknown): boolean {
  if (v === null) return k.nullable === true;
  if (k.value === "text") return typeof v === "string";
  return typeof v === "number" && Number.isFinite(v) && (k.value === "real" || Number.isInteger(v));
}

function invalid(why: string): AppError {
  return new AppError("validation_failed", `The cursor ${why}.`, { errors: [{ path: "cursor", message: `cursor ${why}` }] });
}
