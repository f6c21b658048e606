import { createDb } from "./db";
import { pruneOutbox, relayOutbox } from "./outbox";
import { tickDeals } from "../deals/control-deal";
import { sweepExpiredReservations } from "../inventory/ledger";
import { expireIdempotencyKeys } from "../checkout/idempotency";
import { resumeStrandedSagas } from "../checkout/resume-sagas";
import { finishRestocks } from "../checkout/restocks";
import { finishCancellations } from "../orders/cancellation";
import { reconcilePayments } from "../payments/reconcile";
import { maintainSearch } from "../search/maintenance";
import { pruneSessions } from "../accounts/sessions";
import { pruneCatalogDedupe } from "../catalog/consumer";
import { backfillInvoices, logBackfill } from "../invoices/backfill";
import { sweepEmails } from "../notifications/email-delivery";
import { recomputeSellerRatings } from "../sellers/recompute-ratings";

/**
 * The minute cron: relays outbox rows a failed send left behind and runs each domain's
 * housekeeping. Each job is independent, so one failing does not stop the others.
 */
export async function runScheduled(_controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
  const jobs: Array<[string, () => Promise<unknown>]> = [
    ["relay-outbox", () => relayOutbox(env)],
    ["prune-outbox", () => pruneOutbox(createDb(env.DB))],
    // Relayed at once when it released any: units back on a shelf can give a listing its buy box back.
    ["sweep-reservations", () => sweepExpiredReservations(env.DB).then((released) => (released > 0 ? relayOutbox(env) : 0))],
    // Relayed at once: the pages of deals the tick opened or ended should not wait a minute more.
    ["tick-deals", () => tickDeals(env).then(() => relayOutbox(env))],
    ["reconcile-payments", () => reconcilePayments(env)],
    ["expire-idempotency-keys", () => expireIdempotencyKeys(env.DB)],
    ["resume-checkout-sagas", () => resumeStrandedSagas(env)],
    ["finish-cancellations", () => finishCancellations(env)],
    ["finish-restocks", () => finishRestocks(env)],
    ["maintain-search", () => maintainSearch(env.DB, new Date(_controller.scheduledTime))],
    ["prune-sessions", () => pruneSessions(env.DB)],
    ["prune-catalog-dedupe", () => pruneCatalogDedupe(createDb(env.DB))],
    ["backfill-invoices", () => backfillInvoices(env.DB).then(logBackfill)],
    // Retries failed sends once their back-off is over, and sends mails whose writer died before it could.
    ["sweep-emails", () => sweepEmails(env)],
    // From the totals each rating moved; only a seller whose shown rating moved has its pages rebuilt.
    ["recompute-seller-ratings", () => recomputeSellerRatings(env, new Date(_controller.scheduledTime))],
  ];
  const results = await Promise.allSettled(jobs.map(([, job]) => job()));
  results.forEach((r, i) => {
    if (r.status === "rejected") console.error(JSON.stringify({ level: "error", job: jobs[i]?.[0], error: String(r.reason) }));
  });
}
