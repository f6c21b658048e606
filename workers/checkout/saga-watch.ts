import { backoffAt } from "../platform/backoff";

/**
 * Each order carries the time the minute cron next looks at its checkout saga (`saga_check_at`).
 * Checkout sets it a minute ahead; once the saga's instance exists it moves past the time a
 * normal saga takes; the saga clears it when it ends. So the cron only ever reads orders whose
 * saga may be stuck, and asks Workflows about each of them once in a while, not every minute.
 */

/** How long after checkout the cron first looks: the request starts the saga well within it. */
export const FIRST_LOOK_MS = 60_000;

/** How long the cron leaves a saga it saw alive: past the payment window, so a normal one has ended. */
export const ALIVE_LOOK_MS = 30 * 60_000;

/** Past this age a saga still stuck is logged as an error: ops should look into it. */
export const STRANDED_LONG_MS = 24 * 3600_000;

/** Where an instance stands, as the Workflows API says; null when it does not exist. */
export type SagaInstanceStatus = InstanceStatus["status"] | null;

/** What the cron does about a saga it looks at. */
export type SagaAction = "create" | "restart" | "leave" | "forget";

/**
 * An instance that never got created is created; one that errored (a step ran out of retries in an
 * outage) or was terminated is restarted: every step is idempotent, so a run from the start picks
 * up wherever the order stands. One that completed needs nothing more; anything else is still alive.
 */
export function sagaAction(status: SagaInstanceStatus): SagaAction {
  if (status === null) return "create";
  if (status === "errored" || status === "terminated") return "restart";
  if (status === "complete") return "forget";
  return "leave";
}

/**
 * When the cron looks again at a saga it had to start `resumes` times: 1, 2, 4 … minutes later, at
 * most an hour, so a long outage costs a few calls an hour per order and recovery is still quick.
 */
export function nextResumeLook(resumes: number, now: number): string {
  return backoffAt(resumes, 60, now);
}

/** The first look, written with the order at checkout. */
export function firstLook(now: number): string {
  return new Date(now + FIRST_LOOK_MS).toISOString();
}

/**
 * The saga's instance exists: the cron need not look before a normal saga would have ended. Never
 * brings back a look the saga already cleared by ending.
 */
export async function sagaStarted(db: D1Database, orderId: string, now = Date.now()): Promise<void> {
  await db
    .prepare("UPDATE orders SET saga_check_at = ?1 WHERE id = ?2 AND saga_check_at IS NOT NULL")
    .bind(new Date(now + ALIVE_LOOK_MS).toISOString(), orderId)
    .run();
}

/** The saga has nothing more to do for this order: the cron stops looking at it. */
export async function sagaEnded(db: D1Database, orderId: string): Promise<void> {
  await db.prepare("UPDATE orders SET saga_check_at = NULL WHERE id = ?").bind(orderId).run();
}
