import { SHOPPER_STEP_WORDS, shopperStepLabel, whenIst } from "./format";
import type { Order, Transition } from "./types";

/** An order's transitions, oldest first, as the order gives them (with whatever else its view adds to each). */
export function timelineOf<T extends Transition>(order: { timeline?: T[] | undefined }): T[] {
  return [...(order.timeline ?? [])].sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * The steps whose recorded reason the shopper is told: a setback says why ("declined by the
 * bank", what ops wrote when cancelling or declining a return), and a return request repeats the
 * shopper's own reason. The rest record what the system did ("stock committed"), which is the
 * audit's business, not the shopper's.
 */
const EXPLAINED_STEPS = ["payment_failed", "cancelled", "refunded", "return_requested"];

/** Whether the shopper is told why a step happened: the steps above, and those named for their meaning. */
function explained(t: Transition): boolean {
  return EXPLAINED_STEPS.includes(t.to) || `${t.from}>${t.to}` in SHOPPER_STEP_WORDS;
}

/** The order's status history; order-live.js replaces it as new transitions arrive. */
export function Timeline(props: { order: Order }) {
  const steps = timelineOf(props.order);
  const method = props.order.payment?.method;
  return (
    <ol
      class="timeline"
      data-timeline
      data-reasons-for={EXPLAINED_STEPS.join(" ")}
      data-step-words={JSON.stringify(SHOPPER_STEP_WORDS)}
      aria-label="Order timeline"
    >
      {steps.map((t) => (
        <li data-status={t.to}>
          <strong>{shopperStepLabel(t.from, t.to, method)}</strong> <time datetime={t.at}>{whenIst(t.at)}</time>
          {explained(t) && (t.note ?? t.reason) && <span class="muted"> — {t.note ?? t.reason}</span>}
        </li>
      ))}
    </ol>
  );
}
