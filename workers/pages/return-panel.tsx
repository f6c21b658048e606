import { RETURN_NOTE_MAX, RETURN_REASONS, RETURN_REASON_WORDS, type ReturnReason } from "../orders/return-reasons";
import { money, shortDay } from "./format";
import { CsrfField } from "./layout";
import type { Order } from "./types";

/** The reason in the shopper's words; the code itself for one this release does not know. */
function reasonWords(reason: string): string {
  return RETURN_REASON_WORDS[reason as ReturnReason] ?? reason;
}

/** The return form: a reason to pick and an optional note. A plain form post, so it works without scripts. */
function ReturnForm(props: { order: Order; csrf: string | null }) {
  return (
    <form method="post" action={`/orders/${encodeURIComponent(props.order.id)}/return`} class="stack" data-return-form>
      <CsrfField token={props.csrf} />
      <label class="field">
        Why are you returning it?
        <select name="reason" required>
          <option value="">Choose a reason</option>
          {RETURN_REASONS.map((r) => (
            <option value={r}>{RETURN_REASON_WORDS[r]}</option>
          ))}
        </select>
      </label>
      <label class="field">
        Anything we should know? (optional)
        <textarea name="note" rows={3} maxlength={RETURN_NOTE_MAX} />
      </label>
      <button type="submit">Return</button>
    </form>
  );
}

/**
 * Everything about returning the order, once it has been delivered: until when it may be returned
 * and the form to ask, why it no longer can, or where a return asked for stands. The parts carry
 * the statuses they belong to, so order-live.js shows and hides them as ops decide.
 */
export function ReturnPanel(props: { order: Order; csrf: string | null }) {
  const o = props.order;
  const w = o.return_window;
  const asked = o.return_request;
  if (!w || !["delivered", "return_requested", "refunded", "return_received"].includes(o.status)) return null;
  const stage = (status: string) => ({ "data-while-status": status, hidden: o.status !== status });
  const refund = Math.max(0, (o.payment?.captured ?? 0) - (o.payment?.refunded ?? 0));
  return (
    <section data-returns aria-label="Returns">
      {w.state === "declined" && (
        <p class="panel error" data-return-declined {...stage("delivered")}>
          Your return was declined: {w.decline_reason}
        </p>
      )}
      {/* Asked once, an order is never offered the form again: a declined return is final. */}
      {w.state === "open" && w.until && !asked && (
        <div class="panel" data-return-open {...stage("delivered")}>
          <p>Returnable until {shortDay(w.until)}.</p>
          <ReturnForm order={o} csrf={props.csrf} />
        </div>
      )}
      {w.state === "closed" && w.until && o.status === "delivered" && (
        <p class="muted" data-return-closed>
          This order can no longer be returned (window closed {shortDay(w.until)}).
        </p>
      )}
      {w.state === "not_returnable" && o.status === "delivered" && (
        <p class="muted" data-return-never>
          {[...new Set(w.not_returnable.map((l) => l.why))].join(". ")}
          {w.not_returnable.length < (Array.isArray(o.items) ? o.items.length : 0) &&
            ` (${w.not_returnable.map((l) => l.title).join(", ")}), and an order is returned whole`}
          .
        </p>
      )}
      {asked && (
        <div class="panel ok" role="status" data-return-requested {...stage("return_requested")}>
          <p>
            <strong>Return requested</strong> ({reasonWords(asked.reason)}){asked.note && <>: “{asked.note}”</>}
          </p>
          <p>
            What happens next: we look at your request and tell you what we decide. If we accept it,{" "}
            {refund > 0 ? `${money(refund)} is refunded` : "your money is refunded"} to the way you paid; if we can't, we tell you why.
          </p>
        </div>
      )}
      {asked?.outcome === "accepted" && (o.status === "refunded" || o.status === "return_received") && (
        <p class="panel ok" data-return-accepted>
          Your return was accepted and {money(o.payment?.refunded ?? 0)} refunded.
          {o.status === "return_received" && " We have received the items you sent back."}
        </p>
      )}
    </section>
  );
}

/** The return form's fields as the API takes them: an empty note is no note. */
export function returnBody(form: Record<string, unknown>): { reason: string; note?: string } {
  const reason = typeof form.reason === "string" ? form.reason : "";
  const note = typeof form.note === "string" ? form.note.trim() : "";
  return note ? { reason, note } : { reason };
}
