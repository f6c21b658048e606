import { z } from "@hono/zod-openapi";
import { base64url, fromBase64url } from "./ids";

/**
 * Opaque cursors for lists paged by keyset: the sort key and id of a page's last row (and
 * whatever else the list needs to recognise its own cursor), encoded as base64url JSON. Keyset
 * paging means a row added while someone pages cannot shift rows between pages.
 */

/** An ISO timestamp as the lists store them: the usual sort key of a keyset. */
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

const NOT_OURS = "is not a cursor this API issued";

/** The opaque cursor carrying `parts`. */
export function encodeKeyset(parts: readonly string[]): string {
  return base64url(new TextEncoder().encode(JSON.stringify(parts)));
}

function decodeKeyset(raw: string, shapes: readonly RegExp[]): string[] | null {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(fromBase64url(raw)));
    if (!Array.isArray(parsed) || parsed.length !== shapes.length) return null;
    return parsed.every((p, i) => typeof p === "string" && shapes[i]?.test(p)) ? (parsed as string[]) : null;
  } catch {
    return null;
  }
}

/**
 * The `cursor` query field of a keyset list, decoded during validation to the parts `shapes`
 * describe, one pattern per part, then to the list's own position by `toPosition`. Its failures
 * abort, so a later check on the decoded position never sees a cursor that did not decode.
 */
export function keysetCursorField<P>(shapes: readonly RegExp[], toPosition: (parts: string[]) => P) {
  return keysetCursorFieldOneOf([{ shapes, toPosition }]);
}

/**
 * The `cursor` query field of a list paged in more than one order, each order's cursor of its
 * own shape: decoded by the first variant whose shapes it fits.
 */
export function keysetCursorFieldOneOf<P>(variants: readonly { shapes: readonly RegExp[]; toPosition: (parts: string[]) => P }[]) {
  return z
    .string()
    .max(300, { abort: true })
    .regex(/^[A-Za-z0-9_-]+$/, { message: NOT_OURS, abort: true })
    .transform((raw, ctx) => {
      for (const { shapes, toPosition } of variants) {
        const parts = decodeKeyset(raw, shapes);
        if (parts) return toPosition(parts);
      }
      ctx.addIssue({ code: "custom", message: NOT_OURS, continue: false });
      return z.NEVER;
    })
    .openapi({ type: "string", maxLength: 300, description: "Opaque; the `next_cursor` of the previous page." });
}
