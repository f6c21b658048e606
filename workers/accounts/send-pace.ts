/**
 * Keeps a reset request that sends no mail (no account for the email, or the account's hourly
 * mails spent) about as slow as one that does: sending is most of the time a request takes, so
 * without this the answer's timing alone would tell which emails have accounts.
 *
 * The pace is learnt per isolate from the requests that did send (a moving average), so it follows
 * the provider's real latency rather than a guess, and each wait is jittered, as are real sends.
 */

/** Where the average starts before this isolate has sent anything. */
const FIRST_GUESS_MS = 250;
/** No request is held longer than this, whatever the provider did lately. */
const LONGEST_MS = 3_000;
/** Weight of the latest send in the average. */
const WEIGHT = 0.2;

let typicalMs = FIRST_GUESS_MS;

/** Records how long a request that sent a mail took, from its start. */
export function noteSendingRequest(ms: number): void {
  typicalMs += WEIGHT * (Math.min(ms, LONGEST_MS) - typicalMs);
}

/** Waits until a request begun at `startedAt` (ms) has taken about as long as one that sends. */
export async function paceLikeASend(startedAt: number): Promise<void> {
  const target = typicalMs * (0.75 + Math.random() * 0.5);
  const left = target - (Date.now() - startedAt);
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}
