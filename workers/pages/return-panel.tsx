import { RETURN_NOTE_MAX, RETURN_REASONS, RETURN_REASON_WORDS, type ReturnReason } from "../orders/return-reasons";
import { returnScopeWords } from "../orders/return-lines";
import { money, shortDay } from "./format";
import { CsrfField } from "./layout";
import type { Order } from "./types";

/** The reason in the shopper's words; the code itself for one this release does not know. */
function reasonWords(reason: string): string {
  return RETURN_REASON_WORDS[reason as ReturnReason] ?? reason;
}

/** The order's lines, as the return form lists them. */
type Line = Exclude<NonNullable<Order["items"]>, number>[number];

/** What a shopper sent in a return form that was refused, to draw the form again as they left it. */
export type ReturnDraft = ReturnType<typeof returnBody>;

/** The form's field names for a line: whether it goes back, and how many of its units. */
const LINE_FIELD = "line_";
const QTY_FIELD = "qty_";

/**
 * The lines to send back: each one that can be returned with a box to tick (ticked, so the form as
 * drawn returns everything that can go back, unless it is drawn again with what the shopper chose)
 * and how many of its units; each one that cannot, with why. Plain fields, so it works without scripts.
 */
function LineChoice(props: { items: Line[]; never: Map<string, string>; chosen?: ReturnDraft["items"] }) {
  return (
    <fieldset class="stack" data-return-lines>
      <legend>What are you sending back?</legend>
      <input type="hidden" name="lines" value="chosen" />
      {props.items.map((i) => {
        const title = i.title ?? i.listing_id;
        const why = props.never.get(i.listing_id);
        if (why || i.return_days === null) {
          return (
            <p class="muted" data-return-line-never={i.listing_id}>
              {title}: {why ?? "can't be returned"}
            </p>
          );
        }
        const chosen = props.chosen ? props.chosen.find((c) => c.listing_id === i.listing_id) : { quantity: i.qty };
        const units = chosen && chosen.quantity >= 1 && chosen.quantity <= i.qty ? chosen.quantity : i.qty;
        return (
          <div class="row" data-return-line={i.listing_id}>
            <label>
              <input type="checkbox" name={`${LINE_FIELD}${i.listing_id}`} value="1" checked={chosen !== undefined} /> {title}
            </label>
            <label>
              Units
              <select name={`${QTY_FIELD}${i.listing_id}`}>
                {Array.from({ length: i.qty }, (_, n) => n + 1).map((n) => (
                  <option value={String(n)} selected={n === units}>
                    {n} of {i.qty}
                  </option>
                ))}
              </select>
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/**
 * The return form: the lines going back, a reason to pick and an optional note. A plain form post,
 * so it works without scripts; drawn again after a refusal with what was chosen and written.
 */
function ReturnForm(props: { order: Order; csrf: string | null; draft?: ReturnDraft }) {
  const draft = props.draft;
  const items = Array.isArray(props.order.items) ? props.order.items : [];
  const never = new Map((props.order.return_window?.not_returnable ?? []).map((l) => [l.listing_id, l.why]));
  return (
    <form method="post" action={`/orders/${encodeURIComponent(props.order.id)}/return`} class="stack" data-return-form>
      <CsrfField token={props.csrf} />
      {items.length > 0 && <LineChoice items={items} never={never} chosen={draft?.items} />}
      <label class="field">
        Why are you returning it?
        <select name="reason" required>
          <option value="">Choose a reason</option>
          {RETURN_REASONS.map((r) => (
            <option value={r} selected={draft?.reason === r}>
              {RETURN_REASON_WORDS[r]}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        Anything we should know? (optional)
        <textarea name="note" rows={3} maxlength={RETURN_NOTE_MAX}>
          {draft?.note ?? ""}
        </textarea>
      </label>
      {/* Said before sending, not after: the form is not offered again once a return is asked. */}
      <p class="muted" data-return-once>
        An order is returned once: choose everything you want to send back now.
      </p>
      <button type="submit">Return</button>
    </form>
  );
}

/**
 * Everything about returning the order, once it has been delivered: until when it may be returned
 * and the form to ask, why it no longer can, or where a return asked for stands. The parts carry
 * the statuses they belong to, so order-live.js shows and hides them as ops decide.
 */
export function ReturnPanel(props: { order: Order; csrf: string | null; draft?: ReturnDraft }) {
  const o = props.order;
  const w = o.return_window;
  const asked = o.return_request;
  if (!w || !["delivered", "return_requested", "refunded", "return_received"].includes(o.status)) return null;
  const stage = (status: string) => ({ "data-while-status": status, hidden: o.status !== status });
  // What accepting the return gives back: the asked-back units' price paid, as the order says it.
  const refund = asked?.refund_amount ?? Math.max(0, (o.payment?.captured ?? 0) - (o.payment?.refunded ?? 0));
  const scope = asked && typeof asked.units === "number" && asked.of_units ? returnScopeWords(asked.units, asked.of_units) : null;
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
          <ReturnForm order={o} csrf={props.csrf} draft={props.draft} />
        </div>
      )}
      {w.state === "closed" && w.until && o.status === "delivered" && (
        <p class="muted" data-return-closed>
          This order can no longer be returned (window closed {shortDay(w.until)}).
        </p>
      )}
      {w.state === "not_returnable" && o.status === "delivered" && (
        <p class="muted" data-return-never>
          {[...new Set(w.not_returnable.map((l) => l.why))].join(". ")}.
        </p>
      )}
      {asked && (
        <div class="panel ok" role="status" data-return-requested {...stage("return_requested")}>
          <p>
            <strong>Return requested</strong> ({reasonWords(asked.reason)}){asked.note && <>: “{asked.note}”</>}
          </p>
          {scope && <p data-return-scope>{scope}.</p>}
          <p>
            What happens next: we look at your request and tell you what we decide. If we accept it,{" "}
            {refund > 0 ? `${money(refund)} is refunded` : "your money is refunded"} to the way you paid; if we can't, we tell you why.
          </p>
        </div>
      )}
      {asked?.outcome === "accepted" && (o.status === "refunded" || o.status === "return_received") && (
        <p class="panel ok" data-return-accepted>
          Your return was accepted. {scope ? `${scope}: ` : ""}
          {money(asked.refund_amount ?? o.payment?.refunded ?? 0)} refunded.
          {o.status === "return_received" && " We have received the items you sent back."}
        </p>
      )}
    </section>
  );
}

/**
 * The return form's fields as the API takes them: an empty note is no note, and the lines ticked with
 * their units. A form that listed lines names what it ticked, none included (which the API refuses
 * rather than reading as "everything"); a post without the list leaves the choice to the API's default.
 */
export function returnBody(form: Record<string, unknown>): {
  reason: string;
  note?: string;
  items?: Array<{ listing_id: string; quantity: number }>;
} {
  const reason = typeof form.reason === "string" ? form.reason : "";
  const note = typeof form.note === "string" ? form.note.trim() : "";
  const body = note ? { reason, note } : { reason };
  if (form.lines !== "chosen") return body;
  const items = Object.keys(form)
    .filter((k) => k.startsWith(LINE_FIELD) && form[k] === "1")
    .map((k) => {
      const listing_id = k.slice(LINE_FIELD.length);
      const qty = Number(form[`${QTY_FIELD}${listing_id}`]);
      return { listing_id, quantity: Number.isInteger(qty) ? qty : 0 };
    });
  return { ...body, items };
}

/** What the order page says when the return form is refused for its own fields. */
export function returnFormProblem(errors: ReadonlyArray<{ path: string }> | undefined): string {
  if (errors?.some((e) => e.path.startsWith("items"))) return "Tick at least one item to send back, with how many of it.";
  if (errors?.some((e) => e.path === "note")) return `Keep the note to ${RETURN_NOTE_MAX} characters.`;
  return "Choose why you are returning the order.";
}
