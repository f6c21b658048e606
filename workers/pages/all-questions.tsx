import type { Hono } from "hono";
import type { AppEnv } from "../platform/context";
import type { QuestionPage } from "../questions/schemas";
import { type ApiFetch, callApi } from "./api";
import { sharedPage } from "./cache";
import { countWords } from "./format";
import { Layout } from "./layout";
import { cursorParam, PageLinks, withQuery } from "./paging";
import { askPath, QuestionList, questionsPath } from "./question-list";
import { refusedPage } from "./refused-page";
import type { ProductDetail } from "./types";

/** Questions per page of a product's questions. */
export const QUESTIONS_PAGE = 20;

/** How long the edge keeps a page of questions; a new or changed answer purges the first page at once. */
const QUESTIONS_EDGE_SECONDS = 30;

/** Registers a product's questions page: every answered question, newest asked first, a page at a time, the same for everyone. */
export function registerAllQuestionsPage(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/products/:id/questions", async (c) => {
    const id = c.req.param("id");
    const cursor = cursorParam(c.req.query("cursor"));
    const base = questionsPath(id);
    const [product, res] = await Promise.all([
      callApi<ProductDetail>(c, fetchApi, `/api/products/${encodeURIComponent(id)}`, { as: "anonymous" }),
      callApi<QuestionPage>(
        c,
        fetchApi,
        withQuery(`/api/products/${encodeURIComponent(id)}/questions`, { limit: QUESTIONS_PAGE, cursor }),
        {
          as: "anonymous",
        },
      ),
    ]);
    if (!product.ok) return refusedPage(c, product.problem, { title: "Questions", heading: "Product not found" });
    // A cursor the API no longer takes (an edited or very old link) starts over from the newest.
    if (!res.ok && res.problem.status === 400 && cursor) return c.redirect(base, 303);
    if (!res.ok) return refusedPage(c, res.problem, { title: "Questions" });
    const p = product.data;
    const { count, items, next_cursor } = res.data;
    sharedPage(c, QUESTIONS_EDGE_SECONDS);
    return c.html(
      <Layout
        degraded={c.var.degraded}
        title={`Questions about ${p.title}`}
        description={`Shoppers' questions about ${p.title}, answered by its sellers.`}
      >
        <nav class="crumbs" aria-label="Breadcrumb">
          <a href={`/products/${encodeURIComponent(p.id)}`}>{p.title}</a> › Questions
        </nav>
        <h1>Questions about {p.title}</h1>
        <p class="muted" data-question-count>
          {count > 0 ? `${countWords(count, "question", "questions")} answered by its sellers.` : "No questions answered yet."}
        </p>
        {items.length > 0 && <QuestionList questions={items} />}
        <PageLinks
          next={next_cursor ? withQuery(base, { cursor: next_cursor }) : null}
          first={cursor ? base : null}
          label="Older questions"
        />
        <p class="more product-questions">
          <a href={askPath(p.id)}>Ask a question</a>
        </p>
      </Layout>,
    );
  });
}
