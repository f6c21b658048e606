import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { relayOutbox } from "../platform/outbox";
import {
  PAID,
  type SagaParams,
  stepAuthorize,
  stepCapture,
  stepCommitStock,
  stepCompensate,
  stepConfirm,
  stepCreateOrder,
  stepMarkAuthorized,
  stepPaymentInWindow,
  stepReadPaymentOutcome,
  stepReserveStock,
} from "./saga-steps";
import { paymentWaitMs } from "./payment-window";
import { sagaEnded } from "./saga-watch";

/** Parameters the checkout saga starts with. */
export type CheckoutParams = SagaParams;

/** The event type the payment webhook sends a waiting saga. */
export const PAYMENT_EVENT = "payment-outcome";

/** What the saga ended with. */
export interface SagaOutcome {
  status: string;
  reason?: string;
}

/**
 * The checkout saga: reserve → create order → authorize → commit stock → capture, with
 * compensations. The request ran the first two (and opened the payment) before answering, under
 * the same keys, so here they replay as no-ops. Step names are the Workflow's cache keys, so they
 * are fixed strings; each step's own idempotency keys come from the saga id. A run started over
 * (the resume cron restarts an errored one) takes the order on from wherever it stands.
 */
export class CheckoutWorkflow extends WorkflowEntrypoint<Env, CheckoutParams> {
  async run(event: WorkflowEvent<CheckoutParams>, step: WorkflowStep): Promise<SagaOutcome> {
    const outcome = await this.checkout(event.payload, step);
    // Until this step the resume cron keeps an eye on the order, and restarts a run that errored.
    await step.do("end", () => sagaEnded(this.env.DB, event.payload.orderId));
    return outcome;
  }

  private async checkout(p: CheckoutParams, step: WorkflowStep): Promise<SagaOutcome> {
    const env = this.env;
    const fail = async (reason: string): Promise<SagaOutcome> => {
      const res = await step.do("compensate", () => stepCompensate(env, p, reason));
      this.ctx.waitUntil(relayOutbox(env));
      return { status: res.status, reason };
    };

    const reserved = await step.do("reserve-stock", () => stepReserveStock(env, p));
    if (!reserved.held) return fail(reserved.expired ? "stock hold expired before payment" : "stock no longer held");
    const order = await step.do("create-order", () => stepCreateOrder(env, p));
    if (order.status === "created") {
      let auth = await step.do("authorize-payment", () => stepAuthorize(env, p));
      if (auth.payment === "pending") {
        // The window counts from the checkout, not from when this run got here (a saga started late,
        // or restarted, waits only what is left of it), so the order's holds outlive the wait.
        // The first wait sets the timeout; a replay of this run keeps it. A create-order result
        // cached before it carried the checkout time waits a whole window.
        const timeout = paymentWaitMs(order.checkedOutAt ?? Date.now(), Date.now());
        try {
          await step.waitForEvent("await-payment", { type: PAYMENT_EVENT, timeout });
        } catch {
          // The window passed without a webhook; the provider is asked directly below either way.
        }
        auth = await step.do("read-payment-outcome", () => stepReadPaymentOutcome(env, p));
      }
      if (auth.payment === "declined") return fail("payment declined");
      if (auth.payment !== "authorized") return fail(auth.reason ?? "payment not completed in time");
      // Paid on the provider's page after the window closed: the shopper was told nothing is charged
      // then, so the authorization is voided rather than sold against holds about to lapse.
      if (!(await step.do("payment-in-window", () => stepPaymentInWindow(env, p, order.checkedOutAt))).inTime)
        return fail("payment made after the payment window closed");
    } else if (!PAID.includes(order.status)) {
      return { status: order.status };
    }
    // A restarted saga whose order an earlier run took past the payment goes on from here: each
    // step below leaves alone what that run did, and the capture happens at most once under its key.
    // Stopped here, the order was cancelled while it waited on the payment. That cancel is this
    // saga's to finish (the cron settles only later ones), and its void may have failed before the
    // shopper paid anyway: the compensation gives back whatever is still held, once.
    if ((await step.do("mark-authorized", () => stepMarkAuthorized(env, p))).stopped)
      return fail("order cancelled while waiting on payment");
    const commit = await step.do("commit-stock", () => stepCommitStock(env, p));
    if (commit.stopped) return { status: "cancelled" };
    if (!commit.committed) return fail("stock hold expired before payment");
    if ((await step.do("confirm-order", () => stepConfirm(env, p))).stopped) return { status: "cancelled" };
    await step.do("capture-payment", { retries: { limit: 10, delay: "5 seconds", backoff: "exponential" } }, () => stepCapture(env, p));
    this.ctx.waitUntil(relayOutbox(env));
    return { status: "confirmed" };
  }
}
