/** When to try again after `failures` failed tries: 1, 2, 4 … minutes later, at most `capMinutes`. */
export function backoffAt(failures: number, capMinutes: number, now: number): string {
  return new Date(now + Math.min(2 ** Math.max(0, failures - 1), capMinutes) * 60_000).toISOString();
}
