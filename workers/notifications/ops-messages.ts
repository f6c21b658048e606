import { encodeKeyset } from "../platform/keyset-cursor";
import { EMAIL_STATES } from "./email-delivery";
import { GIVEN_UP_PAGE } from "./schemas";

/**
 * What the store told a person and whether the mail went out, as ops read it when a shopper says
 * "I never got my order email": the recorded messages with their delivery state.
 */

/** A recorded message with its delivery, as the ops API answers it. */
export interface OpsMessage {
  id: string;
  order_id: string | null;
  user_id: string;
  kind: string;
  channel: "email" | "sms";
  to: string | null;
  subject: string;
  created_at: string;
  email_state: "pending" | "sent" | "failed" | "suppressed" | "before_delivery" | null;
  sent_at: string | null;
  message_id: string | null;
  send_attempts: number;
  next_try_after: string | null;
  send_error: string | null;
  given_up_at: string | null;
  resent_by: string | null;
  resent_at: string | null;
}

interface MessageRow extends Omit<OpsMessage, "id" | "to" | "next_try_after"> {
  id: number;
  email: string | null;
  send_claimed_until: string | null;
}

/** The most messages one order's page lists: an order is told of each move once per channel, so far fewer. */
const ORDER_MESSAGES_LIMIT = 100;

// The address is the recipient's as it is now: the row keeps no copy, and the claim reads it the same way.
const COLUMNS = `n.id, n.order_id, n.user_id, n.kind, n.channel, n.subject, n.created_at, n.email_state, n.sent_at,
  n.message_id, n.send_attempts, n.send_claimed_until, n.send_error, n.given_up_at, n.resent_by, n.resent_at,
  CASE WHEN n.channel = 'email' THEN (SELECT u.email FROM users u WHERE u.id = n.user_id) END AS email`;

/** The SQL of the ops reads, exported so a test can ask SQLite for each plan and see none scans the table. */
export const OPS_MESSAGES_SQL = {
  byOrder: `SELECT ${COLUMNS} FROM notifications n INDEXED BY notifications_order_idx
    WHERE n.order_id = ?1 ORDER BY n.id DESC LIMIT ${ORDER_MESSAGES_LIMIT}`,
  givenUp: `SELECT ${COLUMNS} FROM notifications n INDEXED BY notifications_email_failed_idx
    WHERE n.email_state = '${EMAIL_STATES.failed}' AND n.id < ?1 ORDER BY n.id DESC LIMIT ?2`,
  one: `SELECT ${COLUMNS} FROM notifications n WHERE n.id = ?1`,
} as const;

function toView({ email, send_claimed_until, ...row }: MessageRow): OpsMessage {
  return {
    ...row,
    id: String(row.id),
    to: email,
    // A pending row's claim is its back-off, or a deliverer sending it now: either way no send before it.
    next_try_after: row.email_state === EMAIL_STATES.pending ? send_claimed_until : null,
  };
}

/** The messages recorded about an order, newest first, with their delivery: one range of the order's index. */
export async function orderMessages(db: D1Database, orderId: string): Promise<OpsMessage[]> {
  const { results } = await db.prepare(OPS_MESSAGES_SQL.byOrder).bind(orderId).all<MessageRow>();
  return results.map(toView);
}

/** One recorded message with its delivery; null when there is none. */
export async function readMessage(db: D1Database, id: number): Promise<OpsMessage | null> {
  const row = await db.prepare(OPS_MESSAGES_SQL.one).bind(id).first<MessageRow>();
  return row ? toView(row) : null;
}

/** A page of the mails given up, newest first, after the row `before` (an id) when paging on. */
export async function givenUpEmails(
  db: D1Database,
  before: number | undefined,
): Promise<{ items: OpsMessage[]; next_cursor: string | null }> {
  const { results } = await db
    .prepare(OPS_MESSAGES_SQL.givenUp)
    .bind(before ?? Number.MAX_SAFE_INTEGER, GIVEN_UP_PAGE + 1)
    .all<MessageRow>();
  const items = results.slice(0, GIVEN_UP_PAGE).map(toView);
  const last = items.at(-1);
  return { items, next_cursor: results.length > GIVEN_UP_PAGE && last ? encodeKeyset([last.id]) : null };
}
