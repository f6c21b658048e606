/**
 * How long a queue message waits before its next try after a failed one: 5 s doubling to a
 * 5-minute cap. With a consumer's `max_retries` this sets how long an outage its messages ride
 * out before they are dead-lettered; see wrangler.toml.
 */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(300, 5 * 2 ** Math.max(0, attempts - 1));
}
