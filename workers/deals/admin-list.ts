import { z } from "@hono/zod-openapi";
import { base64url, fromBase64url } from "../platform/ids";
import { DEAL_COLUMNS, type DealRow, renderDeal } from "./deal-rows";

/**
 * Where a page of the admin deal list ended: the last deal's start and id. Paged by keyset on
 * (starts_at, id), never by offset, so a deal created while a manager pages cannot shift rows
 * between pages and show one twice or skip one.
 */
interface DealPosition {
  startsAt: string;
  id: string;
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const ID = /^deal_[A-Za-z0-9_-]{1,64}$/;
const NOT_OURS = "is not a cursor this API issued";

function encode(last: { starts_at: string; id: string }): string {
  return base64url(new TextEncoder().encode(JSON.stringify([last.starts_at, last.id])));
}

function decode(raw: string): DealPosition | null {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(fromBase64url(raw)));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [startsAt, id] = parsed as unknown[];
    if (typeof startsAt !== "string" || !AT.test(startsAt) || typeof id !== "string" || !ID.test(id)) return null;
    return { startsAt, id };
  } catch {
    return null;
  }
}

/** The `cursor` query field: the `next_cursor` of the previous page, decoded during validation. */
export const DealCursorField = z
  .string()
  .max(300, { abort: true })
  .regex(/^[A-Za-z0-9_-]+$/, { message: NOT_OURS, abort: true })
  .transform((raw, ctx) => {
    const position = decode(raw);
    if (position) return position;
    ctx.addIssue({ code: "custom", message: NOT_OURS, continue: false });
    return z.NEVER;
  })
  .openapi({ type: "string", maxLength: 300, description: "Opaque; the `next_cursor` of the previous page." });

/**
 * One page of every deal in any status, for the deal manager's console. The public list stops at
 * a deal's end; managers still need ended deals, whose dashboards hold the final figures.
 */
export async function listAdminDeals(
  db: D1Database,
  page: { limit: number; cursor?: DealPosition | undefined },
  now = new Date().toISOString(),
) {
  const after = page.cursor ? "WHERE (starts_at, id) < (?, ?)" : "";
  const binds = page.cursor ? [page.cursor.startsAt, page.cursor.id] : [];
  const { results } = await db
    .prepare(`SELECT ${DEAL_COLUMNS} FROM deals ${after} ORDER BY starts_at DESC, id DESC LIMIT ?`)
    .bind(...binds, page.limit + 1)
    .all<DealRow>();
  const items = results.slice(0, page.limit).map((d) => renderDeal(d, now));
  const last = items.at(-1);
  return { items, next_cursor: results.length > page.limit && last ? encode(last) : null };
}
