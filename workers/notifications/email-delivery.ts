import type { Background } from "../platform/background";
import { EMAIL_CHANGED_KIND, recoveryMailLines } from "../accounts/account-recovery-mail";
import { readConfig, type Config } from "../platform/config";
import { backoffAt } from "../platform/backoff";
import { countSql } from "../platform/count-sql";
import { nowIso } from "../platform/time";
import { type AlertGroup, emailOffSql, groupOfKind, groupOfKindSql } from "./preferences";
import { oneClickHeaders, unsubscribeFooter, unsubscribeLinks } from "./unsubscribe";

/**
 * Email delivery of recorded notifications, through Cloudflare Email Service's `send_email`
 * binding (`env.EMAIL`). Every message is first recorded in D1 (`notifications`, one row per
 * event and channel) in the batch that decides it; this module only sends the email rows and
 * keeps their delivery state (`email_state`, see the schema). SMS rows are recorded only: there
 * is no platform SMS service to hand them to.
 *
 * Delivery is at least once. The provider takes no idempotency key, so a row is marked sent right
 * after the provider accepted it; a deliverer that dies between the two leaves the row claimed,
 * and once the claim lapses another sends it again. A mail can so arrive twice; it is never lost.
 */

/** Where an email row is in its delivery; SMS rows have none. */
export const EMAIL_STATES = {
  /** Waiting to be sent, or to be tried again after a failed send. */
  pending: "pending",
  /** Accepted by the provider (`sent_at`, `message_id`). */
  sent: "sent",
  /** Given up: too many failed sends, or a recipient who no longer exists. Kept, never retried. */
  failed: "failed",
  /** Recorded before mail was sent at all; set by the migration that started delivery, never sent. */
  beforeDelivery: "before_delivery",
  /** An alert of a group its recipient turned email off for (see preferences.ts): kept for the Updates page, never sent. */
  suppressed: "suppressed",
  /** Taken back before it was sent, as what it told of is gone (an answer ops removed): kept, never sent. */
  withdrawn: "withdrawn",
} as const;

/**
 * SQL for a new row's `email_state` from its channel (an SQL term): email rows wait to be sent,
 * others have no delivery. Every insert of a notification writes it. An alert names its recipient
 * (an SQL term) and its group: when the recipient turned that group's email off, the row is
 * suppressed by the very insert that records it, so no deliverer ever sees it pending. Messages
 * about a person's own orders name no group and are always sent.
 */
export const initialEmailStateSql = (channel: string, alert?: { user: string; group: AlertGroup }) =>
  alert
    ? `CASE WHEN ${channel} = 'email' THEN CASE WHEN ${emailOffSql(alert.user, `'${alert.group}'`)} THEN '${EMAIL_STATES.suppressed}' ELSE '${EMAIL_STATES.pending}' END END`
    : `CASE WHEN ${channel} = 'email' THEN '${EMAIL_STATES.pending}' END`;

/** Failed sends after which a row is given up: with the back-off, about an hour and a half of trying. */
export const MAX_SEND_ATTEMPTS = 8;

/** The longest back-off between sends of one row, in minutes. */
const BACKOFF_CAP_MINUTES = 30;

/**
 * How long a deliverer has the rows it claimed. Far longer than sending them takes, so a row is
 * sent twice only when its deliverer died between the send and the mark.
 */
export const SEND_CLAIM_MS = 120_000;

/** Rows one claim of the minute cron's sweep takes. */
export const SWEEP_LIMIT = 100;

/**
 * Claims one sweep makes at most, one after another while each comes back full: a sale day's
 * backlog (ten thousand confirmations after a provider outage) drains in minutes rather than the
 * hours a single claim a minute would take, and each run stays bounded.
 */
export const SWEEP_ROUNDS = 10;

/** Sends in flight at once within one deliverer. */
const SEND_CONCURRENCY = 10;

/** The name mails come from, beside the MAIL_FROM address. */
export const SENDER_NAME = "Bazaar Edge";

/** A claimed row, with the address it goes to (null: the user no longer exists). */
interface ClaimedEmail {
  id: number;
  event_id: string;
  user_id: string;
  kind: string;
  /** `pending`, or `suppressed` when the claim found the row's group turned off since it was recorded. */
  email_state: string;
  subject: string;
  body: string;
  link: string | null;
  send_attempts: number;
  email: string | null;
}

/**
 * Claims up to `limit` email rows that are due (pending, no live claim or back-off), oldest first,
 * in one conditional UPDATE: concurrent deliverers each get disjoint rows. With `ids`, only among
 * those rows (what a writer just recorded). The address is read as the claim is made, so a shopper
 * who changed it is mailed at the new one, unless the row names its own (`to_email`: an erased
 * account's last mail); so is the recipient's choice of alerts: an alert of a
 * group turned off after it was recorded is suppressed by the claim instead of claimed, and never sent.
 */
function claimStatement(d1: D1Database, limit: number, now: string, until: string, ids: readonly number[] | null) {
  // A writer's few rows are looked up by id; a sweep reads the pending rows' own index, oldest first.
  const among = ids ? "AND id IN (SELECT value FROM json_each(?4))" : "";
  const from = ids ? "notifications" : "notifications INDEXED BY notifications_email_pending_idx";
  const off = emailOffSql("notifications.user_id", groupOfKindSql("notifications.kind"));
  return d1
    .prepare(
      `UPDATE notifications SET
         email_state = CASE WHEN ${off} THEN '${EMAIL_STATES.suppressed}' ELSE email_state END,
         send_claimed_until = CASE WHEN ${off} THEN NULL ELSE ?3 END
       WHERE id IN (
         SELECT id FROM ${from}
         WHERE email_state = '${EMAIL_STATES.pending}' AND (send_claimed_until IS NULL OR send_claimed_until <= ?2) ${among}
         ORDER BY id LIMIT ?1)
       RETURNING id, event_id, user_id, kind, email_state, subject, body, link, send_attempts,
         COALESCE(to_email, (SELECT u.email FROM users u WHERE u.id = notifications.user_id)) AS email`,
    )
    .bind(...(ids ? [limit, now, until, JSON.stringify(ids)] : [limit, now, until]));
}

/** The mail's text: the message, then the page it is about as a link the shopper can open. */
export function emailText(row: Pick<ClaimedEmail, "body" | "link">, origin: string): string {
  return row.link ? `${row.body}\n\n${new URL(row.link, origin).href}\n` : `${row.body}\n`;
}

/** What one delivery did. */
export interface DeliveryResult {
  sent: number;
  /** Failed and left to retry after a back-off. */
  retrying: number;
  /** Given up on this time. */
  givenUp: number;
  /** Not sent: an alert of a group its recipient turned off after it was recorded. */
  suppressed: number;
}

/**
 * Sends the due email rows it claims (up to `limit`; with `ids`, only among those), each marked
 * sent as soon as the provider accepts it. A failed send gives the row back with its attempts
 * counted, its error kept and a back-off before the next try; at `MAX_SEND_ATTEMPTS` it is given
 * up. A row whose recipient no longer exists is given up at once: no retry can find them.
 */
export async function deliverEmails(env: Env, opts: { ids?: readonly number[]; limit?: number } = {}): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retrying: 0, givenUp: 0, suppressed: 0 };
  if (opts.ids?.length === 0) return result;
  const config = readConfig(env);
  const nowMs = Date.now();
  const claim = claimStatement(
    env.DB,
    opts.limit ?? opts.ids?.length ?? SWEEP_LIMIT,
    new Date(nowMs).toISOString(),
    new Date(nowMs + SEND_CLAIM_MS).toISOString(),
    opts.ids ?? null,
  );
  // RETURNING gives rows in no set order; the oldest go first.
  const rows = ((await claim.all<ClaimedEmail>()).results ?? []).sort((a, b) => a.id - b.id);
  for (let i = 0; i < rows.length; i += SEND_CONCURRENCY) {
    await Promise.all(
      rows.slice(i, i + SEND_CONCURRENCY).map(async (row) => {
        const outcome = row.email_state === EMAIL_STATES.suppressed ? "suppressed" : await deliverOne(env, row, config);
        result[outcome]++;
      }),
    );
  }
  return result;
}

/**
 * The mail of a claimed row: an alert carries the link that stops its group, in its text and as
 * RFC 8058 headers; an email change notice, the link that takes the account back, made only now.
 */
async function composeEmail(row: ClaimedEmail, config: Config): Promise<{ text: string; headers?: Record<string, string> }> {
  const words = emailText(row, config.SITE_ORIGIN);
  const text = row.kind === EMAIL_CHANGED_KIND ? `${words}\n${await recoveryMailLines(config, row.event_id)}` : words;
  const group = groupOfKind(row.kind);
  if (!group) return { text };
  const links = await unsubscribeLinks(config.SESSION_SECRET, config.SITE_ORIGIN, row.user_id, group);
  const headers = oneClickHeaders(links.oneClick);
  return { text: `${text}\n${unsubscribeFooter(group, links.page)}\n`, ...(headers ? { headers } : {}) };
}

async function deliverOne(env: Env, row: ClaimedEmail, config: Config): Promise<keyof DeliveryResult> {
  if (!row.email) return giveUp(env.DB, row.id, "recipient no longer exists");
  let messageId: string;
  try {
    const { text, headers } = await composeEmail(row, config);
    ({ messageId } = await env.EMAIL.send({
      from: { name: SENDER_NAME, email: config.MAIL_FROM },
      to: row.email,
      subject: row.subject,
      text,
      ...(headers ? { headers } : {}),
    }));
  } catch (err) {
    return failed(env.DB, row, err);
  }
  // Accepted: mark it now. Should this write fail, the claim lapses and the row is sent again (see above).
  // An address kept for this one mail (an erased account's) goes with it: it has served its purpose.
  await env.DB.prepare(
    `UPDATE notifications SET email_state = '${EMAIL_STATES.sent}', sent_at = ?2, message_id = ?3, send_claimed_until = NULL, send_error = NULL,
       to_email = NULL
     WHERE id = ?1 AND email_state = '${EMAIL_STATES.pending}'`,
  )
    .bind(row.id, nowIso(), messageId)
    .run();
  return "sent";
}

/** Short enough for a column ops read at a glance; a provider's error can be a page long. */
const shortError = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 200);

async function failed(db: D1Database, row: ClaimedEmail, err: unknown): Promise<keyof DeliveryResult> {
  const attempts = row.send_attempts + 1;
  console.error(JSON.stringify({ level: "warn", message: "email send failed", notificationId: row.id, attempts, error: String(err) }));
  if (attempts >= MAX_SEND_ATTEMPTS) return giveUp(db, row.id, shortError(err));
  await db
    .prepare(
      `UPDATE notifications SET send_attempts = send_attempts + 1, send_error = ?2, send_claimed_until = ?3
       WHERE id = ?1 AND email_state = '${EMAIL_STATES.pending}'`,
    )
    .bind(row.id, shortError(err), backoffAt(attempts, BACKOFF_CAP_MINUTES, Date.now()))
    .run();
  return "retrying";
}

async function giveUp(db: D1Database, id: number, why: string): Promise<keyof DeliveryResult> {
  await db
    .prepare(
      `UPDATE notifications SET email_state = '${EMAIL_STATES.failed}', send_attempts = send_attempts + 1, send_error = ?2,
         send_claimed_until = NULL, given_up_at = ?3
       WHERE id = ?1 AND email_state = '${EMAIL_STATES.pending}'`,
    )
    .bind(id, why, nowIso())
    .run();
  return "givenUp";
}

/**
 * Emails the rows a writer has just recorded (`ids`, any channel: only due email rows are taken),
 * right after its batch committed. Never throws: the rows are safe in D1, and what this fails to
 * send the minute cron's sweep sends; a failure here must not fail or retry the work that recorded them.
 */
export async function mailRecorded(env: Env, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  try {
    await deliverEmails(env, { ids });
  } catch (err) {
    console.error(JSON.stringify({ level: "warn", message: "email delivery failed; the cron will sweep", error: String(err) }));
  }
}

/**
 * Emails what a request's batch has just recorded once the request is answered (mailRecorded, in
 * `waitUntil`): the rows are safe in D1 and the cron sweeps what this misses, so the shopper need not
 * wait on the mail provider.
 */
export function mailRecordedSoon(env: Env, ctx: Background, ids: readonly number[]): void {
  if (ids.length > 0) ctx.waitUntil(mailRecorded(env, ids));
}

/** The minute cron's sweep: retries due rows and sends rows whose immediate delivery never ran. */
export async function sweepEmails(env: Env): Promise<DeliveryResult> {
  const total: DeliveryResult = { sent: 0, retrying: 0, givenUp: 0, suppressed: 0 };
  for (let round = 0; round < SWEEP_ROUNDS; round++) {
    const done = await deliverEmails(env, { limit: SWEEP_LIMIT });
    for (const k of Object.keys(total) as Array<keyof DeliveryResult>) total[k] += done[k];
    // A claim that came back short found every due row: the backlog is empty.
    if (done.sent + done.retrying + done.givenUp + done.suppressed < SWEEP_LIMIT) break;
  }
  return total;
}

/**
 * How many emails wait to be sent, retries included, as a statement to batch with others (one
 * row, `n`), counted up to `cap` when given one (see `countSql`); reads only the pending rows' index.
 */
export function emailsWaitingStatement(d1: D1Database, cap?: number): D1PreparedStatement {
  return d1.prepare(
    countSql({ from: "notifications INDEXED BY notifications_email_pending_idx", where: `email_state = '${EMAIL_STATES.pending}'` }, cap),
  );
}

/**
 * How many emails were given up, as a statement to batch with others (one row, `n`), counted up
 * to `cap` when given one (see `countSql`); reads only the given-up rows' index.
 */
export function emailsGivenUpStatement(d1: D1Database, cap?: number): D1PreparedStatement {
  return d1.prepare(
    countSql({ from: "notifications INDEXED BY notifications_email_failed_idx", where: `email_state = '${EMAIL_STATES.failed}'` }, cap),
  );
}

/** The ids of rows a notifications insert returned (`RETURNING id`) over a batch's results. */
export function returnedIds(results: ReadonlyArray<D1Result<unknown>>): number[] {
  return results.flatMap((r) => ((r.results ?? []) as Array<{ id?: number }>).flatMap((x) => (typeof x.id === "number" ? [x.id] : [])));
}
