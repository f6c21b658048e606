import { requireUser } from "../accounts/authorize";
import { bodyEtag } from "../platform/body-etag";
import { problem } from "../catalog/schemas";
import { AppError } from "../platform/errors";
import { relaySoon } from "../platform/outbox";
import { createRouter, createdHeaders, route } from "../platform/router";
import { json, SELLER, sellerErrors, sellerIdOf } from "../sellers/access";
import { answerQuestion } from "./answer";
import { askQuestion } from "./ask";
import { countWaitingQuestions } from "./inbox";
import { listQuestions } from "./list-questions";
import { listStoreAnswers, listStoreQuestions } from "./moderation-lists";
import {
  ModeratedIdParams,
  QuestionRemovalBody,
  StoreAnswerPageSchema,
  StoreAnswersQuery,
  StoreQuestionPageSchema,
  StoreQuestionsQuery,
} from "./moderation-schemas";
import { myQuestions } from "./my-questions";
import { removeAnswer, removeQuestion } from "./remove";
import {
  AnswerBody,
  AskBody,
  MyQuestionsSchema,
  QuestionIdParams,
  QuestionListQuery,
  QuestionPageSchema,
  QuestionProductParams,
  QuestionSchema,
  SellerQuestionPageSchema,
  SellerQuestionSchema,
  SellerQuestionsQuery,
  WaitingQuestionsSchema,
} from "./schemas";
import { listSellerQuestions, readSellerQuestion } from "./seller-questions";

/** Questions about products: shoppers ask, the product's sellers answer, anyone reads the answered ones, ops remove abuse. */
export const questionRoutes = createRouter();

/**
 * As for reviews: answers change far less often than price or stock, and the pages showing them
 * are purged on every answer and removal, so this only bounds clients.
 */
export const QUESTIONS_CACHE_CONTROL = "public, max-age=30, stale-while-revalidate=60";

questionRoutes.openapi(
  route({
    method: "get",
    path: "/products/{id}/questions",
    access: "public",
    tags: ["questions"],
    summary: "A product's answered questions, newest asked first, a page at a time, each with its sellers' answers",
    description:
      "A question shows here once a seller has answered it; until then only its asker and the product's sellers see it. Optional under overload: shed with 503 and Retry-After while the store is busy.",
    request: { params: QuestionProductParams, query: QuestionListQuery },
    middleware: [bodyEtag],
    responses: {
      200: json(QuestionPageSchema, "A page of answered questions"),
      304: { description: "Unchanged since the ETag sent in If-None-Match" },
      400: problem("Invalid query (naming the fields)"),
      404: problem("No such product"),
      503: problem("Shed while the store is busy"),
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const page = await listQuestions(c.env.DB, id, c.req.valid("query"));
    if (!page) throw new AppError("not_found", `No product with id ${id}.`);
    c.header("cache-control", QUESTIONS_CACHE_CONTROL);
    return c.json(page, 200);
  },
);

questionRoutes.openapi(
  route({
    method: "get",
    path: "/products/{id}/questions/mine",
    access: "signed_in",
    tags: ["questions"],
    summary: "The shopper's own questions about a product, answered or still waiting for a seller",
    request: { params: QuestionProductParams },
    responses: { 200: json(MyQuestionsSchema, "The shopper's questions, newest first"), 404: problem("No such product") },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    c.header("cache-control", "private, no-store");
    return c.json(await myQuestions(c.env.DB, user.id, c.req.valid("param").id, user.sellerId), 200);
  },
);

questionRoutes.openapi(
  route({
    method: "post",
    path: "/products/{id}/questions",
    access: "signed_in",
    tags: ["questions"],
    summary: "Ask the product's sellers a question",
    description:
      "Shown to everyone once a seller answers it; until then to the shopper and the product's sellers only. At most 5 questions per shopper and product in any 24 hours.",
    request: { params: QuestionProductParams, body: { content: { "application/json": { schema: AskBody } } } },
    responses: {
      201: json(
        QuestionSchema,
        "The question, waiting for an answer; `Location` is the shopper's own questions about the product, where it is listed until and after a seller answers",
        createdHeaders,
      ),
      200: json(
        QuestionSchema,
        "The shopper asked these words about this product within the day already (a retry or a second tap): that question, nothing stored again",
      ),
      400: problem("Invalid question (naming the field); nothing was written"),
      403: problem("The account sells this product: its sellers answer questions, they do not ask them"),
      404: problem("No such product"),
      429: problem("5 questions about this product in the last 24 hours; Retry-After says when another may be asked"),
      503: problem("Shed while the store is busy"),
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    const input = c.req.valid("json");
    const asked = await askQuestion(c.env.DB, user.id, c.req.valid("param").id, input, user.sellerId);
    c.header("cache-control", "private, no-store");
    // A question has no page of its own: its asker reads it in their list for the product.
    if (!asked.repeated) c.header("location", `/api/products/${encodeURIComponent(c.req.valid("param").id)}/questions/mine`);
    return c.json({ id: asked.id, text: input.text, asked_at: asked.asked_at, answers: [] }, asked.repeated ? 200 : 201);
  },
);

questionRoutes.openapi(
  route({
    method: "get",
    path: "/seller/questions",
    access: SELLER,
    tags: ["questions", "sellers"],
    summary: "Questions about the products you offer: those you have yet to answer (newest asked first) or those you answered",
    request: { query: SellerQuestionsQuery },
    responses: { 200: json(SellerQuestionPageSchema, "A page of questions"), ...sellerErrors },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await listSellerQuestions(c.env.DB, sellerIdOf(c), c.req.valid("query")), 200);
  },
);

questionRoutes.openapi(
  route({
    method: "get",
    path: "/seller/questions/waiting",
    access: SELLER,
    tags: ["questions", "sellers"],
    summary: "How many questions about the products you offer wait for your answer",
    description: "The questions `GET /api/seller/questions?state=unanswered` lists, counted up to `capped_at`.",
    responses: { 200: json(WaitingQuestionsSchema, "The count"), ...sellerErrors },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await countWaitingQuestions(c.env.DB, sellerIdOf(c)), 200);
  },
);

questionRoutes.openapi(
  route({
    method: "put",
    path: "/seller/questions/{question_id}/answer",
    access: SELLER,
    tags: ["questions", "sellers"],
    summary: "Answer a question about a product you offer, or replace your answer",
    description:
      "One answer per seller and question: sending another replaces it. The question shows on the product's pages within seconds, and its asker is told on their Updates page the first time you answer.",
    request: { params: QuestionIdParams, body: { content: { "application/json": { schema: AnswerBody } } } },
    responses: {
      200: json(SellerQuestionSchema, "The question with your answer"),
      ...sellerErrors,
      400: problem("Invalid answer (naming the field); nothing was written"),
      403: problem("Not a seller, or your listing of the product is inactive"),
      404: problem("No such question about a product you offer"),
      409: problem("Ops removed your answer, or the question changed while it was being saved"),
    },
  }),
  async (c) => {
    const sellerId = sellerIdOf(c);
    const user = requireUser(c.var.user);
    const { question_id } = c.req.valid("param");
    const outcome = await answerQuestion(c.env.DB, { sellerId, userId: user.id }, question_id, c.req.valid("json"));
    if (outcome !== "unchanged") relaySoon(c.env, c.executionCtx);
    const question = await readSellerQuestion(c.env.DB, sellerId, question_id);
    if (!question) throw new AppError("not_found", `No question ${question_id} about a product you sell.`);
    c.header("cache-control", "private, no-store");
    return c.json(question, 200);
  },
);

questionRoutes.openapi(
  route({
    method: "get",
    path: "/admin/questions",
    access: ["ops"],
    tags: ["questions", "ops"],
    summary: "The whole store's questions, newest first, answered or not, each with its answers (the ops console's moderation list)",
    request: { query: StoreQuestionsQuery },
    responses: { 200: json(StoreQuestionPageSchema, "A page of questions"), 400: problem("Invalid query (naming the fields)") },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await listStoreQuestions(c.env.DB, c.req.valid("query")), 200);
  },
);

questionRoutes.openapi(
  route({
    method: "get",
    path: "/admin/answers",
    access: ["ops"],
    tags: ["questions", "ops"],
    summary: "The whole store's answers, last written first, so an answer edited later comes up again",
    request: { query: StoreAnswersQuery },
    responses: { 200: json(StoreAnswerPageSchema, "A page of answers"), 400: problem("Invalid query (naming the fields)") },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await listStoreAnswers(c.env.DB, c.req.valid("query")), 200);
  },
);

const removal = {
  204: { description: "Removed" },
  400: problem("No reason, or an invalid one (naming the fields); nothing was removed"),
  404: problem("No such one, or it was removed already; nothing changed"),
};

questionRoutes.openapi(
  route({
    method: "delete",
    path: "/admin/questions/{id}",
    access: ["ops"],
    tags: ["questions", "ops"],
    summary: "Remove a question and its answers from every page, recording who removed it and why",
    request: { params: ModeratedIdParams, body: { content: { "application/json": { schema: QuestionRemovalBody } } } },
    responses: removal,
  }),
  async (c) => {
    const ops = requireUser(c.var.user);
    await removeQuestion(c.env.DB, c.req.valid("param").id, { ...c.req.valid("json"), by: ops.id });
    relaySoon(c.env, c.executionCtx);
    return c.body(null, 204);
  },
);

questionRoutes.openapi(
  route({
    method: "delete",
    path: "/admin/answers/{id}",
    access: ["ops"],
    tags: ["questions", "ops"],
    summary: "Remove a seller's answer from every page, recording who removed it and why; its seller cannot write it again",
    description: "A question left without answers is shown only to its asker and the product's sellers again.",
    request: { params: ModeratedIdParams, body: { content: { "application/json": { schema: QuestionRemovalBody } } } },
    responses: removal,
  }),
  async (c) => {
    const ops = requireUser(c.var.user);
    await removeAnswer(c.env.DB, c.req.valid("param").id, { ...c.req.valid("json"), by: ops.id });
    relaySoon(c.env, c.executionCtx);
    return c.body(null, 204);
  },
);
