import type { Context, Hono } from "hono";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, type Problem, answerProblem, callApi, problemMessage } from "./api";
import { personalPage } from "./cache";
import { FieldError, invalidAttrs } from "./field-error";
import { CsrfField, ErrorPanel, Layout } from "./layout";
import { refusedPage } from "./refused-page";
import type { MyReviewView, ProductDetail } from "./types";

/** What the form holds: as typed, so a refused review comes back with nothing lost. */
interface ReviewFields {
  rating: string;
  title: string;
  body: string;
}

type FieldErrors = Partial<Record<keyof ReviewFields, string>>;

/** The stars a shopper picks from, best first, with what each means. */
export const RATINGS = [
  ["5", "Excellent"],
  ["4", "Good"],
  ["3", "Average"],
  ["2", "Poor"],
  ["1", "Terrible"],
] as const;

/** What each field is told when the API refuses it, in words a shopper can act on. */
const FIELD_ADVICE: Record<keyof ReviewFields, string> = {
  rating: "Choose from 1 to 5 stars.",
  title: "Keep the title to 120 characters.",
  body: "Keep the review to 4,000 characters.",
};

const reviewPath = (id: string) => `/products/${encodeURIComponent(id)}/review`;

function signInFirst(c: Context<AppEnv>, id: string) {
  return c.redirect(`/signin?next=${encodeURIComponent(reviewPath(id))}`, 303);
}

/** The API's field errors on the form's fields. */
function fieldErrors(problem: Problem): FieldErrors {
  const errors: FieldErrors = {};
  for (const e of problem.errors ?? []) {
    const field = e.path.split(".")[0] as keyof ReviewFields;
    if (field in FIELD_ADVICE) errors[field] = FIELD_ADVICE[field];
  }
  return errors;
}

/** The form's fields as the API takes them; a rating that is not a whole number is sent as is, for the API to name. */
function reviewBody(form: Record<string, unknown>): { fields: ReviewFields; body: Record<string, unknown> } {
  const text = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : "");
  const fields = { rating: text("rating"), title: text("title"), body: text("body") };
  const rating = /^[0-9]{1,2}$/.test(fields.rating) ? Number(fields.rating) : fields.rating || null;
  return { fields, body: { rating, title: fields.title, body: fields.body } };
}

function ReviewForm(props: { productId: string; fields: ReviewFields; errors: FieldErrors; csrf: string | null; editing: boolean }) {
  const { fields, errors } = props;
  return (
    <form method="post" action={reviewPath(props.productId)} class="stack review-form" novalidate>
      <CsrfField token={props.csrf} />
      <fieldset {...invalidAttrs("rating", Boolean(errors.rating))}>
        <legend>Your rating</legend>
        {RATINGS.map(([value, label]) => (
          <label class="check">
            <input type="radio" name="rating" value={value} checked={fields.rating === value} required /> {value} ★ {label}
          </label>
        ))}
        <FieldError field="rating" message={errors.rating} />
      </fieldset>
      <label class="field">
        Title (optional)
        <input name="title" value={fields.title} maxlength={120} {...invalidAttrs("title", Boolean(errors.title))} />
        <FieldError field="title" message={errors.title} />
      </label>
      <label class="field">
        Your review (optional)
        <textarea name="body" rows={6} maxlength={4000} {...invalidAttrs("body", Boolean(errors.body))}>
          {fields.body}
        </textarea>
        <FieldError field="body" message={errors.body} />
      </label>
      <button type="submit" class="primary">
        {props.editing ? "Update your review" : "Post your review"}
      </button>
    </form>
  );
}

/**
 * The review page for one shopper and one product: their review to write or edit, or why they
 * cannot yet. Personal, never cached, so the shared product page need not know who is looking.
 */
async function renderReviewPage(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  id: string,
  state: { fields?: ReviewFields; errors?: FieldErrors; message?: string; notice?: string } = {},
) {
  personalPage(c);
  const [product, mine] = await Promise.all([
    callApi<ProductDetail>(c, fetchApi, `/api/products/${encodeURIComponent(id)}`, { as: "anonymous" }),
    callApi<MyReviewView>(c, fetchApi, `/api/products/${encodeURIComponent(id)}/reviews/mine`),
  ]);
  if (!product.ok) return refusedPage(c, product.problem, { title: "Write a review", heading: "Product not found", personal: true });
  if (!mine.ok) {
    if (mine.problem.status === 401) return signInFirst(c, id);
    return refusedPage(c, mine.problem, { title: "Write a review", personal: true });
  }
  const p = product.data;
  const own = mine.data.review;
  const fields = state.fields ?? { rating: own ? String(own.rating) : "", title: own?.title ?? "", body: own?.body ?? "" };
  const productPath = `/products/${encodeURIComponent(id)}`;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title={`Review ${p.title}`}>
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href={productPath}>{p.title}</a> › Your review
      </nav>
      <h1>{own ? "Edit your review" : "Write a review"}</h1>
      <p class="muted">{p.title}</p>
      {state.notice && (
        <p class="panel ok" role="status">
          {state.notice}
        </p>
      )}
      {state.message && (
        <p class="panel error" role="alert">
          {state.message}
        </p>
      )}
      {mine.data.can_review ? (
        <ReviewForm productId={id} fields={fields} errors={state.errors ?? {}} csrf={c.var.csrfToken} editing={own !== null} />
      ) : (
        <ErrorPanel heading="You cannot review this yet" message={mine.data.why_not ?? "You cannot review this product."} />
      )}
      {own && (
        <form method="post" action={`${reviewPath(id)}/delete`} data-confirm="Remove your review?">
          <CsrfField token={c.var.csrfToken} />
          <button type="submit" class="danger">
            Remove your review
          </button>
        </form>
      )}
      <p>
        <a href={`${productPath}#reviews`}>Back to the product</a>
      </p>
    </Layout>,
  );
}

/** What the review page says after a change: the product page shows it once the catalog has caught up. */
const NOTICES: Record<string, string> = {
  saved: "Thank you! Your review is saved. It shows on the product page within a few seconds.",
  removed: "Your review is removed. The product page shows the change within a few seconds.",
};

/** Registers the shopper's review page and its two forms, which work without scripts (post, then redirect). */
export function registerReviewForm(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/products/:id/review", async (c) => {
    const id = c.req.param("id");
    if (!c.var.user) return signInFirst(c, id);
    const done = c.req.query("done");
    return renderReviewPage(c, fetchApi, id, done && done in NOTICES ? { notice: NOTICES[done] } : {});
  });

  app.post("/products/:id/review", async (c) => {
    const id = c.req.param("id");
    if (!c.var.user) return signInFirst(c, id);
    const { fields, body } = reviewBody(await c.req.parseBody());
    const res = await callApi<MyReviewView>(c, fetchApi, `/api/products/${encodeURIComponent(id)}/reviews/mine`, { method: "PUT", body });
    if (res.ok) return c.redirect(`${reviewPath(id)}?done=saved`, 303);
    answerProblem(c, res.problem);
    const errors = fieldErrors(res.problem);
    const message = Object.keys(errors).length > 0 ? "Please check the marked fields." : problemMessage(res.problem);
    return renderReviewPage(c, fetchApi, id, { fields, errors, message });
  });

  app.post("/products/:id/review/delete", async (c) => {
    const id = c.req.param("id");
    if (!c.var.user) return signInFirst(c, id);
    const res = await callApi<null>(c, fetchApi, `/api/products/${encodeURIComponent(id)}/reviews/mine`, { method: "DELETE", body: {} });
    if (res.ok) return c.redirect(`${reviewPath(id)}?done=removed`, 303);
    answerProblem(c, res.problem);
    return renderReviewPage(c, fetchApi, id, { message: problemMessage(res.problem) });
  });
}
