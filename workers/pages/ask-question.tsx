import type { Context, Hono } from "hono";
import type { AppEnv } from "../platform/context";
import { QUESTION_MAX, QUESTION_MIN, type MyQuestions } from "../questions/schemas";
import { type ApiFetch, type Problem, answerProblem, callApi, problemMessage } from "./api";
import { personalPage } from "./cache";
import { FieldError, invalidAttrs } from "./field-error";
import { CsrfField, Layout } from "./layout";
import { askPath, QuestionList, questionsPath } from "./question-list";
import { refusedPage } from "./refused-page";
import type { ProductDetail } from "./types";

/** What the question field is told when the API refuses it, in words a shopper can act on. */
const TEXT_ADVICE = `Write your question in ${QUESTION_MIN} to ${QUESTION_MAX} characters.`;

/** What the page says after a question is asked. */
const NOTICES: Record<string, string> = {
  asked: "Thank you! Your question is sent to the sellers of this product. It shows on the product's page once one of them answers.",
};

const signInPath = (productId: string) => `/signin?next=${encodeURIComponent(askPath(productId))}`;

/** The refusal in words: the API's own for a spent daily limit, which says when to ask again. */
function refusalMessage(problem: Problem): string {
  if (problem.status === 429 && problem.detail) return problem.detail;
  return problemMessage(problem);
}

function AskForm(props: { productId: string; text: string; error?: string | undefined; csrf: string | null }) {
  return (
    <form method="post" action={askPath(props.productId)} class="stack question-form" novalidate>
      <CsrfField token={props.csrf} />
      <label class="field">
        Your question
        <textarea
          name="text"
          rows={3}
          minlength={QUESTION_MIN}
          maxlength={QUESTION_MAX}
          required
          {...invalidAttrs("text", Boolean(props.error))}
          aria-describedby={props.error ? "question-hint text-err" : "question-hint"}
        >
          {props.text}
        </textarea>
        <FieldError field="text" message={props.error} />
      </label>
      <p class="field-hint" id="question-hint">
        {QUESTION_MIN} to {QUESTION_MAX} characters. The sellers of this product answer it.
      </p>
      <button type="submit" class="primary">
        Ask a question
      </button>
    </form>
  );
}

/**
 * The ask page for one shopper and one product: the form, and the shopper's own questions with
 * their answers or "Waiting for the seller's answer". Personal, never cached, so the shared product
 * page need not know who is looking; a guest is asked to sign in.
 */
async function renderAskPage(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  id: string,
  state: { text?: string; error?: string; message?: string; notice?: string | undefined } = {},
) {
  personalPage(c);
  const signedIn = c.var.user !== null;
  const [product, mine] = await Promise.all([
    callApi<ProductDetail>(c, fetchApi, `/api/products/${encodeURIComponent(id)}`, { as: "anonymous" }),
    signedIn ? callApi<MyQuestions>(c, fetchApi, `/api/products/${encodeURIComponent(id)}/questions/mine`) : null,
  ]);
  if (!product.ok) return refusedPage(c, product.problem, { title: "Ask a question", heading: "Product not found", personal: true });
  if (mine && !mine.ok && mine.problem.status !== 401) return refusedPage(c, mine.problem, { title: "Ask a question", personal: true });
  const p = product.data;
  const own = mine?.ok ? mine.data.items : null;
  const productPath = `/products/${encodeURIComponent(id)}`;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title={`Ask about ${p.title}`}>
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href={productPath}>{p.title}</a> › Ask a question
      </nav>
      <h1>Ask a question</h1>
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
      {own === null ? (
        <p class="panel" data-sign-in-to-ask>
          <a href={signInPath(id)}>Sign in to ask</a> the sellers of this product a question.
        </p>
      ) : mine?.ok && mine.data.you_sell_it ? (
        <p class="panel" data-you-sell-it>
          You sell this product, so shoppers' questions about it come to you to answer, in your console's{" "}
          <a href="/seller/questions">Questions</a> tab.
        </p>
      ) : (
        <>
          <AskForm productId={id} text={state.text ?? ""} error={state.error} csrf={c.var.csrfToken} />
          <section aria-labelledby="mine-h" data-my-questions>
            <h2 id="mine-h">Your questions about this product</h2>
            {own.length > 0 ? <QuestionList questions={own} /> : <p class="muted">You have not asked about this product yet.</p>}
          </section>
        </>
      )}
      <p>
        <a href={questionsPath(id)}>Answered questions</a> · <a href={`${productPath}#questions`}>Back to the product</a>
      </p>
    </Layout>,
  );
}

/** Registers the shopper's ask page and its form, which works without scripts (post, then redirect). */
export function registerAskQuestion(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/products/:id/ask", async (c) => {
    const done = c.req.query("done");
    return renderAskPage(c, fetchApi, c.req.param("id"), { notice: done ? NOTICES[done] : undefined });
  });

  app.post("/products/:id/ask", async (c) => {
    const id = c.req.param("id");
    if (!c.var.user) return c.redirect(signInPath(id), 303);
    const form = await c.req.parseBody();
    const text = typeof form.text === "string" ? form.text : "";
    const res = await callApi(c, fetchApi, `/api/products/${encodeURIComponent(id)}/questions`, { method: "POST", body: { text } });
    if (res.ok) return c.redirect(`${askPath(id)}?done=asked`, 303);
    answerProblem(c, res.problem);
    const refused = res.problem.errors?.some((e) => e.path === "text");
    return renderAskPage(c, fetchApi, id, {
      text,
      ...(refused ? { error: TEXT_ADVICE, message: "Please check your question." } : { message: refusalMessage(res.problem) }),
    });
  });
}
