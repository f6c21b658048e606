import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { EMAIL_STATES, mailRecorded, SWEEP_LIMIT, SWEEP_ROUNDS } from "./email-delivery";
import { type OpsMessage, readMessage } from "./ops-messages";

/**
 * Sending given-up mails again, on ops' word: after a provider outage longer than the retries
 * last, every mail of the outage is given up. A shopper asking for theirs gets it one at a time;
 * the whole outage's mail is sent again by the window it was given up in. Only given-up mails
 * are sent again; a suppressed one stays unsent, as its recipient chose.
 */

/**
 * What sending again does to a given-up row, one or many alike (an UPDATE's SET): back to pending
 * with its attempts, error, claim and given-up time cleared, and who asked and when (SQL terms) recorded.
 */
const backToPending = (actor: string, at: string) =>
  `email_state = '${EMAIL_STATES.pending}', send_attempts = 0, send_error = NULL, send_claimed_until = NULL,
  given_up_at = NULL, resent_by = ${actor}, resent_at = ${at}`;

/** Why a mail in each other state cannot be sent again, in ops' words. */
const NOT_GIVEN_UP: Record<string, string> = {
  [EMAIL_STATES.sent]: "This mail was sent already; only a mail given up can be sent again.",
  [EMAIL_STATES.pending]: "This mail is already waiting to be sent.",
  [EMAIL_STATES.suppressed]: "The recipient turned these emails off, so this mail is not sent.",
  [EMAIL_STATES.beforeDelivery]: "This mail was recorded before email delivery existed and is never sent.",
  [EMAIL_STATES.withdrawn]: "This mail was taken back before it was sent, as what it told of was removed, and is never sent.",
};

/**
 * Moves the given-up email row `id` back to pending, its attempts and error cleared and `actor`
 * recorded, in one conditional UPDATE (so two operators pressing at once move it once), then sends
 * it at once. A failed send is not an error: the row is pending again and the minute cron's sweep
 * retries it. Answers the row as it is after the send. Unknown id: 404; any other state: 409.
 */
export async function resendGivenUp(env: Env, id: number, actor: string): Promise<OpsMessage> {
  const moved = await env.DB.prepare(
    `UPDATE notifications SET ${backToPending("?2", "?3")} WHERE id = ?1 AND email_state = '${EMAIL_STATES.failed}' RETURNING id`,
  )
    .bind(id, actor, nowIso())
    .first<{ id: number }>();
  if (!moved) {
    const row = await readMessage(env.DB, id);
    if (!row) throw new AppError("not_found", "No such message.");
    const state = row.email_state ?? "recorded_only";
    throw new AppError("conflict", NOT_GIVEN_UP[state] ?? "An SMS is recorded only; there is nothing to send.", {
      extensions: { email_state: state },
    });
  }
  await mailRecorded(env, [id]);
  return (await readMessage(env.DB, id)) as OpsMessage;
}

/**
 * Given-up mails one bulk send-again moves at most: what one run of the minute cron's sweep sends,
 * so each press is queued within a minute and the UPDATE stays one short range of an index.
 */
export const RESEND_BATCH = SWEEP_LIMIT * SWEEP_ROUNDS;

/** The given-up rows of a window (`?1` ≤ given_up_at < `?2`), from their own index by when they were given up. */
const IN_WINDOW = `FROM notifications INDEXED BY notifications_email_given_up_idx
  WHERE email_state = '${EMAIL_STATES.failed}' AND given_up_at >= ?1 AND given_up_at < ?2`;

/** The SQL of a bulk send-again, exported so a test can ask SQLite for each plan and see none scans the table. */
export const RESEND_WINDOW_SQL = {
  // The subquery picks the oldest given up first and re-checks the state in the same statement, so
  // two presses at once move disjoint rows and a second press never moves a row again.
  move: `UPDATE notifications SET ${backToPending("?3", "?4")}
    WHERE id IN (SELECT id ${IN_WINDOW} ORDER BY given_up_at, id LIMIT ?5)`,
  more: `SELECT EXISTS (SELECT 1 ${IN_WINDOW}) AS more`,
} as const;

/** A window of given-up times, RFC 3339 UTC: from `after` (included) to `before` (excluded). */
export interface GivenUpWindow {
  after: string;
  before: string;
}

/** What one bulk send-again did: mails moved back to waiting, and whether the window still holds given-up mails. */
export interface ResentWindow {
  moved: number;
  more: boolean;
}

/**
 * Moves up to `RESEND_BATCH` mails given up within `window` back to pending, as `resendGivenUp`
 * does one, oldest given up first, without sending any: the minute cron's sweep sends them, so no
 * request spends a send per mail. Both statements run in one batch, so `more` is what this move left.
 */
export async function resendGivenUpWindow(db: D1Database, window: GivenUpWindow, actor: string): Promise<ResentWindow> {
  const [moved, rest] = await db.batch([
    db.prepare(RESEND_WINDOW_SQL.move).bind(window.after, window.before, actor, nowIso(), RESEND_BATCH),
    db.prepare(RESEND_WINDOW_SQL.more).bind(window.after, window.before),
  ]);
  const result = { moved: moved?.meta.changes ?? 0, more: (rest?.results[0] as { more: number } | undefined)?.more === 1 };
  console.log(JSON.stringify({ level: "info", message: "given-up mails sent again", actor, ...window, ...result }));
  return result;
}
