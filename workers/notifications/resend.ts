import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { EMAIL_STATES, mailRecorded } from "./email-delivery";
import { type OpsMessage, readMessage } from "./ops-messages";

/**
 * Sending a given-up mail again, on ops' word: after a provider outage longer than the retries
 * last, every mail of the outage is given up, and a shopper asking for theirs gets it this way.
 * Only a given-up mail is sent again; a suppressed one stays unsent, as its recipient chose.
 */

/** Why a mail in each other state cannot be sent again, in ops' words. */
const NOT_GIVEN_UP: Record<string, string> = {
  [EMAIL_STATES.sent]: "This mail was sent already; only a mail given up can be sent again.",
  [EMAIL_STATES.pending]: "This mail is already waiting to be sent.",
  [EMAIL_STATES.suppressed]: "The recipient turned these emails off, so this mail is not sent.",
  [EMAIL_STATES.beforeDelivery]: "This mail was recorded before email delivery existed and is never sent.",
};

/**
 * Moves the given-up email row `id` back to pending, its attempts and error cleared and `actor`
 * recorded, in one conditional UPDATE (so two operators pressing at once move it once), then sends
 * it at once. A failed send is not an error: the row is pending again and the minute cron's sweep
 * retries it. Answers the row as it is after the send. Unknown id: 404; any other state: 409.
 */
export async function resendGivenUp(env: Env, id: number, actor: string): Promise<OpsMessage> {
  const moved = await env.DB.prepare(
    `UPDATE notifications SET email_state = '${EMAIL_STATES.pending}', send_attempts = 0, send_error = NULL,
       send_claimed_until = NULL, resent_by = ?2, resent_at = ?3
     WHERE id = ?1 AND email_state = '${EMAIL_STATES.failed}' RETURNING id`,
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
