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
