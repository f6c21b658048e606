import type { OrderFeedback } from "../sellers/feedback-schemas";
import type { Problem } from "./api";
import { day } from "./format";
import { CsrfField } from "./layout";
import { RATINGS } from "./review-form";

/** Statuses of an order the shopper has had in hand, whose sellers they may rate. */
export const RATABLE_STATUSES = new Set(["delivered", "return_requested", "refunded", "return_received"]);

/** Where the order page posts a rating of one of its sellers. */
export const sellerRatingPath = (orderId: string, sellerId: string) =>
  `/orders/${encodeURIComponent(orderId)}/seller-feedback/${encodeURIComponent(sellerId)}`;

/** The form's fields as the API takes them; a rating that is not a whole number is sent as is, for the API to name. */
export function sellerRatingBody(form: Record<string, unknown>): Record<string, unknown> {
  const rating = typeof form.rating === "string" ? form.rating : "";
  const comment = typeof form.comment === "string" ? form.comment : "";
  return { rating: /^[0-9]{1,2}$/.test(rating) ? Number(rating) : rating || null, comment };
}

/** A refused rating in words a shopper can act on: the field to fix, or what stands in the way. */
export function sellerRatingProblem(problem: Problem, fallback: string): string {
  const fields = new Set((problem.errors ?? []).map((e) => e.path.split(".")[0]));
  if (fields.has("rating")) return "Choose from 1 to 5 stars to rate the seller. Nothing was saved.";
  if (fields.has("comment")) return "Keep your comment about the seller to 500 characters. Nothing was saved.";
  return fallback;
}

type Seller = OrderFeedback["sellers"][number];

/** What the shopper gave a seller: "You rated Demo Electronics 4 out of 5 on 3 Dec". */
function GivenRating(props: { seller: Seller }) {
  const f = props.seller.feedback;
  if (!f) return null;
  return (
    <p data-rating-given={f.rating}>
      You rated {props.seller.seller_name} {f.rating} out of 5 on {day(f.updated_at)}
      {f.comment && <>: “{f.comment}”</>}
    </p>
  );
}

/** One seller's form: the stars as radio buttons in a fieldset, a short comment, and the button. */
function SellerRatingForm(props: { orderId: string; seller: Seller; csrf: string | null }) {
  const s = props.seller;
  const given = s.feedback ? String(s.feedback.rating) : "";
  return (
    <form method="post" action={sellerRatingPath(props.orderId, s.seller_id)} class="stack rate-seller" data-rate-seller={s.seller_id}>
      <CsrfField token={props.csrf} />
      <fieldset>
        <legend>How was {s.seller_name} as a seller?</legend>
        {RATINGS.map(([value, label]) => (
          <label class="check">
            <input type="radio" name="rating" value={value} checked={given === value} required /> {value} ★ {label}
          </label>
        ))}
      </fieldset>
      <label class="field">
        Comment (optional)
        <textarea name="comment" rows={2} maxlength={500}>
          {s.feedback?.comment ?? ""}
        </textarea>
      </label>
      <button type="submit">{s.feedback ? "Change your rating" : "Rate the seller"}</button>
    </form>
  );
}

/**
 * The order page's "Rate the seller" panel, one form per seller of the order once it is delivered,
 * posted as a plain form (works without scripts), each showing the rating already given. Once the
 * time to rate has passed, only what was given is shown.
 */
export function SellerRatings(props: { orderId: string; feedback: OrderFeedback | null; csrf: string | null }) {
  const sellers = props.feedback?.sellers ?? [];
  const open = sellers.filter((s) => s.window === "open");
  const shown = sellers.filter((s) => s.window === "open" || s.feedback);
  if (shown.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="rate-sellers" data-seller-ratings>
      <h2 id="rate-sellers">Rate the seller</h2>
      {open[0]?.until && <p class="muted">You can rate or change your rating until {day(open[0].until)}.</p>}
      {shown.map((s) =>
        s.window === "open" ? (
          <>
            <GivenRating seller={s} />
            <SellerRatingForm orderId={props.orderId} seller={s} csrf={props.csrf} />
          </>
        ) : (
          <GivenRating seller={s} />
        ),
      )}
    </section>
  );
}
