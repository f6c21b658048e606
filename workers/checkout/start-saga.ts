import type { SagaParams } from "./saga-steps";
import { sagaStarted } from "./saga-watch";
import { PAYMENT_EVENT } from "./workflow";

/**
 * Starts the checkout saga's Workflow instance (id = saga id). Called after the response is
 * ready (in waitUntil), so a slow instance creation at sale-day peak (Workflows creates about 100
 * instances a second per workflow) never holds the shopper. Once the instance exists, the resume
 * cron leaves the order alone for as long as a normal saga takes.
 */
export async function startSaga(env: Env, params: SagaParams): Promise<void> {
  await createSaga(env, params);
  await sagaStarted(env.DB, params.orderId);
}

/**
 * Creates the saga's instance. One that already exists is fine: the saga is keyed, so starting it
 * twice is the same as once.
 */
export async function createSaga(env: Env, params: SagaParams): Promise<void> {
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
