import type { SagaParams } from "./saga-steps";
import { PAYMENT_EVENT } from "./workflow";

/**
 * Starts the checkout saga's Workflow instance (id = saga id). Called after the response is
 * ready (in waitUntil), so a slow instance creation at sale-day peak (Workflows creates about 100
 * instances a second per workflow) never holds the shopper. An instance that already exists is
 * fine: the saga is keyed, so starting it twice is the same as once.
 */
export async function startSaga(env: Env, params: SagaParams): Promise<void> {
  try {
    await env.CHECKOUT_WORKFLOW.create({ id: params.sagaId, params });
  } catch (err) {
    if (await sagaExists(env, params.sagaId)) return;
    throw err;
  }
}

async function sagaExists(env: Env, sagaId: string): Promise<boolean> {
  try {
    await (await env.CHECKOUT_WORKFLOW.get(sagaId)).status();
    return true;
  } catch {
    return false;
  }
}

/**
 * Minute cron: starts the saga of any order still waiting on one a minute after checkout (its
 * waitUntil was cut short, or instance creation was throttled). Returns how many it started.
 */
export async function resumeStrandedSagas(env: Env, limit = 50): Promise<number> {
  const olderThan = new Date(Date.now() - 60_000).toISOString();
  const newerThan = new Date(Date.now() - 24 * 3600_000).toISOString();
  const { results } = await env.DB.prepare(
    `SELECT id AS orderId, saga_id AS sagaId, user_id AS userId FROM orders
     WHERE status = 'created' AND created_at < ? AND created_at > ? AND saga_id IS NOT NULL ORDER BY created_at LIMIT ?`,
  )
    .bind(olderThan, newerThan, limit)
    .all<{ orderId: string; sagaId: string; userId: string }>();
  let started = 0;
  for (const o of results) {
    if (await sagaExists(env, o.sagaId)) continue;
    // The origin only shapes the provider's return link, which the payment opened at checkout already has.
    await startSaga(env, { ...o, origin: "" });
    started++;
  }
  return started;
}

/**
 * Wakes a saga waiting on the payment (a webhook arrived, or the order was cancelled), so it reads
 * the outcome now rather than when its wait times out. A saga that does not exist yet needs no
 * nudge: it reads the payment's status itself when it reaches that step.
 */
export async function nudgeSaga(env: Env, sagaId: string, status: string): Promise<void> {
  try {
    await (await env.CHECKOUT_WORKFLOW.get(sagaId)).sendEvent({ type: PAYMENT_EVENT, payload: { status } });
  } catch (err) {
    console.log(JSON.stringify({ level: "info", message: "saga not running; nothing to wake", sagaId, error: String(err) }));
  }
}
