import type { SagaParams } from "./saga-steps";
import { sagaStarted } from "./saga-watch";
import { PAYMENT_EVENT } from "./workflow";

/** Tries at creating a saga before it is left to the payment webhook and the resume cron. */
const START_TRIES = 4;

/** The pause before the second try; each later one doubles it (with jitter, so a throttled peak does not retry in step). */
const START_BACKOFF_MS = 250;

/**
 * Starts the checkout saga's Workflow instance (id = saga id). Called after the response is
 * ready (in waitUntil), so a slow instance creation at sale-day peak (Workflows creates about 100
 * instances a second per workflow) never holds the shopper. A refused creation (throttled at that
 * peak) is tried again a few times within a couple of seconds; if it still fails, the payment's
 * webhook or the resume cron creates the instance. Once it exists, the resume cron leaves the
 * order alone for as long as a normal saga takes. Resolves to whether the instance now exists.
 */
export async function startSaga(env: Env, params: SagaParams): Promise<boolean> {
  for (let tried = 1; ; tried++) {
    try {
      await createSaga(env, params);
      break;
    } catch (err) {
      if (tried >= START_TRIES) {
        console.warn(
          JSON.stringify({
            level: "warn",
            message: "checkout saga not started; left to the webhook and the cron",
            sagaId: params.sagaId,
            error: String(err),
          }),
        );
        return false;
      }
      await scheduler.wait(START_BACKOFF_MS * 2 ** (tried - 1) * (0.5 + Math.random()));
    }
  }
  await sagaStarted(env.DB, params.orderId);
  return true;
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
 * nudge: it reads the payment's status itself when it reaches that step. Resolves to whether
 * Workflows found the instance.
 */
export async function nudgeSaga(env: Env, sagaId: string, status: string): Promise<boolean> {
  let instance: WorkflowInstance;
  try {
    instance = await env.CHECKOUT_WORKFLOW.get(sagaId);
  } catch (err) {
    console.log(JSON.stringify({ level: "info", message: "saga not found; nothing to wake", sagaId, error: String(err) }));
    return false;
  }
  try {
    await instance.sendEvent({ type: PAYMENT_EVENT, payload: { status } });
  } catch (err) {
    console.log(JSON.stringify({ level: "info", message: "saga not running; nothing to wake", sagaId, error: String(err) }));
  }
  return true;
}
