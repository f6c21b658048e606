/**
 * Waits, when needed, until at least `needMs` are left in the current window of a rate-limit
 * binding whose period is `periodSeconds`. The local binding counts in fixed windows aligned to
 * the period, so a burst a test expects to be refused at its end must not straddle two windows;
 * one that did would find its count split and never reach the limit.
 */
export async function inOneRateWindow(periodSeconds: number, needMs = 10_000): Promise<void> {
  const windowMs = periodSeconds * 1000;
  const left = windowMs - (Date.now() % windowMs);
  if (left < needMs) await scheduler.wait(left + 100);
}

/**
 * Sends requests that cost origin work from `ip` until the browse rate limit refuses it; the
 * refusal is then remembered for the rest of the window. Charges land in the background after
 * each answer, so on a busy machine they trail the requests: the client pauses now and then.
 */
export async function untilBrowseRefused(ip: string, limit: number, fetchOne: () => Promise<Response>): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (let i = 0; i < limit + 200 || Date.now() < deadline; i++) {
    if (i % 50 === 49) await scheduler.wait(i >= limit ? 50 : 10);
    if ((await fetchOne()).status === 429) return;
  }
  throw new Error(`browse budget of ${ip} never refused`);
}
