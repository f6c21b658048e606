import {
  ALIVE_LOOK_MS,
  STRANDED_LONG_MS,
  type SagaAction,
  type SagaInstanceStatus,
  nextResumeLook,
  sagaAction,
  sagaEnded,
} from "./saga-watch";
import { createSaga } from "./start-saga";

/** An order whose saga the cron is due to look at. */
interface Watched {
  orderId: string;
  sagaId: string;
  userId: string;
  createdAt: string;
  resumes: number;
}

/** What looking at one order came to; `failed` when Workflows or D1 refused. */
type Look = { action: SagaAction | "failed"; status?: SagaInstanceStatus };

/** Orders looked at together: enough to clear a backlog after an outage, few enough to stay polite. */
const AT_ONCE = 10;

/** Orders read per page. */
const PAGE = 50;

/** How long one run may keep taking pages, so the minute cron's run ends well before the next one. */
const RESUME_BUDGET_MS = 25_000;

/**
 * Minute cron: gets going again every checkout saga that stopped short of its end, however old its
 * order: one whose instance was never created (the request's waitUntil was cut short, or creation
 * was throttled) is created; one that errored (a step ran out of retries in a D1 or provider
 * outage) or was terminated is restarted, so its order does not keep stock and the shopper's money
 * held, or stay confirmed with the money never taken. It reads only orders whose look is due, the
 * longest due first, and asks Workflows about each once per look: a saga seen alive is looked at
 * again half an hour later, one it had to start again after 1, 2, 4 … minutes, at most an hour. One
 * order that fails is logged and retried later without holding back the others. A backlog (a
 * sale-day peak when Workflows refused creations) is worked through page after page while pages
 * come back full, within `budgetMs`: every minute it waits, paid orders' holds run down. Returns
 * how many sagas it started again.
 */
export async function resumeStrandedSagas(env: Env, opts: { limit?: number; now?: number; budgetMs?: number } = {}): Promise<number> {
  const now = opts.now ?? Date.now();
  const limit = opts.limit ?? PAGE;
  const deadline = Date.now() + (opts.budgetMs ?? RESUME_BUDGET_MS);
  // A look moves the order's next look past `now`, so the next page holds other orders; one whose
  // move failed would come back, and is not looked at twice in a run.
  const seen = new Set<string>();
  let resumed = 0;
  for (;;) {
    // Worded so that it reads orders_saga_check_idx only: orders whose saga has not ended.
    const { results } = await env.DB.prepare(
      `SELECT id AS orderId, saga_id AS sagaId, user_id AS userId, created_at AS createdAt, saga_resumes AS resumes
       FROM orders WHERE saga_check_at <= ?1 AND saga_id IS NOT NULL ORDER BY saga_check_at LIMIT ?2`,
    )
      .bind(new Date(now).toISOString(), limit)
      .all<Watched>();
    const due = results.filter((o) => !seen.has(o.orderId));
    for (let i = 0; i < due.length && Date.now() < deadline; i += AT_ONCE) {
      const batch = due.slice(i, i + AT_ONCE);
      for (const o of batch) seen.add(o.orderId);
      const looks = await Promise.all(batch.map((o) => lookAt(env, o, now)));
      resumed += looks.filter((l) => l.action === "create" || l.action === "restart").length;
    }
    if (results.length < limit || due.length === 0 || Date.now() >= deadline) return resumed;
  }
}

async function lookAt(env: Env, o: Watched, now: number): Promise<Look> {
  let look: Look;
  try {
    look = await resume(env, o);
  } catch (err) {
    look = { action: "failed" };
    console.error(
      JSON.stringify({
        level: "error",
        message: "checkout saga not resumed",
        orderId: o.orderId,
        sagaId: o.sagaId,
        resumes: o.resumes + 1,
        error: String(err),
      }),
    );
  }
  logLook(o, look, now);
  await scheduleNextLook(env.DB, o, look.action, now).catch((err) =>
    console.error(JSON.stringify({ level: "error", message: "next saga look not scheduled", orderId: o.orderId, error: String(err) })),
  );
  return look;
}

async function resume(env: Env, o: Watched): Promise<Look> {
  const instance = await env.CHECKOUT_WORKFLOW.get(o.sagaId).catch(() => null);
  const status = instance ? (await instance.status()).status : null;
  const action = sagaAction(status);
  // The origin only shapes the provider's return link, which the payment opened at checkout already has.
  if (action === "create") await createSaga(env, { sagaId: o.sagaId, orderId: o.orderId, userId: o.userId, origin: "" });
  // A restart runs again from the first step with the instance's own params.
  if (action === "restart") await instance?.restart();
  return { action, status };
}

/** Every resume is logged; a saga still not ended a day after checkout, alive or not, is an error for ops. */
function logLook(o: Watched, look: Look, now: number): void {
  const age = now - Date.parse(o.createdAt);
  const long = age > STRANDED_LONG_MS;
  const resumed = look.action === "create" || look.action === "restart";
  if (look.action === "forget" || (!long && !resumed)) return;
  const line = {
    level: long ? "error" : "warn",
    message: long ? "checkout saga still not ended a day after checkout" : "checkout saga resumed",
    orderId: o.orderId,
    sagaId: o.sagaId,
    action: look.action,
    instance: look.status === undefined ? "unknown" : (look.status ?? "missing"),
    resumes: resumed || look.action === "failed" ? o.resumes + 1 : o.resumes,
    hoursSinceCheckout: Math.round(age / 360_000) / 10,
  };
  (long ? console.error : console.warn)(JSON.stringify(line));
}

/** A look never brings back one the saga cleared by ending meanwhile. */
async function scheduleNextLook(db: D1Database, o: Watched, action: Look["action"], now: number): Promise<void> {
  if (action === "forget") return sagaEnded(db, o.orderId);
  const alive = action === "leave";
  const resumes = alive ? o.resumes : o.resumes + 1;
  const next = alive ? new Date(now + ALIVE_LOOK_MS).toISOString() : nextResumeLook(resumes, now);
  await db
    .prepare("UPDATE orders SET saga_check_at = ?1, saga_resumes = ?2 WHERE id = ?3 AND saga_check_at IS NOT NULL")
    .bind(next, resumes, o.orderId)
    .run();
}
