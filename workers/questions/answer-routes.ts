import { requireUser } from "../accounts/authorize";
import { bodyEtag } from "../platform/body-etag";
import { problem } from "../catalog/schemas";
import { AppError } from "../platform/errors";
import { createRouter, route } from "../platform/router";
import { json } from "../sellers/access";
import {
  type AnswerReportReason,
  AnswerReportBody,
  MyAnswerReportSchema,
  ReportedAnswerPageSchema,
  ReportedAnswersQuery,
} from "./answer-report-schemas";
import { fileReport, reportOf } from "../platform/shopper-reports";
import { REPORTABLE_ANSWER, keepReportedAnswer, reportedAnswers } from "./answer-reports";
import { ModeratedIdParams, StoreAnswerSchema } from "./moderation-schemas";
import { readShownAnswer } from "./one-answer";
import { QUESTIONS_CACHE_CONTROL } from "./routes";

/** One seller's answer: read on its own, reported by shoppers, and ops working the queue of reported answers. */
export const answerRoutes = createRouter();

answerRoutes.openapi(
  route({
    method: "get",
    path: "/answers/{id}",
    access: "public",
    tags: ["questions"],
    summary: "One seller's answer, with its question and product, while it is shown",
    request: { params: ModeratedIdParams },
    middleware: [bodyEtag],
    responses: {
      200: json(StoreAnswerSchema, "The answer"),
      304: { description: "Unchanged since the ETag sent in If-None-Match" },
      404: problem("No such answer shown: none, or it or its question was removed"),
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const answer = await readShownAnswer(c.env.DB, id);
    if (!answer) throw new AppError("not_found", `No answer with id ${id}; it may have been removed.`);
    c.header("cache-control", QUESTIONS_CACHE_CONTROL);
    return c.json(answer, 200);
  },
);

answerRoutes.openapi(
  route({
    method: "put",
    path: "/answers/{id}/report",
    access: "signed_in",
    tags: ["questions"],
    summary: "Report a seller's answer to ops, with the reason",
    description:
      "Puts the answer in the ops console's queue of reported answers, the most reported first. Counts the shopper once however often it is sent; their first reason stands.",
    request: { params: ModeratedIdParams, body: { content: { "application/json": { schema: AnswerReportBody } } } },
    responses: {
      204: { description: "Reported" },
      400: problem("No reason, or one not offered (naming the field); nothing was reported"),
      403: problem("The answer is the shopper's own business's"),
      404: problem("No such answer shown: none, or it or its question was removed"),
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    await fileReport(c.env.DB, REPORTABLE_ANSWER, c.req.valid("param").id, user.id, c.req.valid("json").reason);
    return c.body(null, 204);
  },
);

answerRoutes.openapi(
  route({
    method: "get",
    path: "/answers/{id}/report",
    access: "signed_in",
    tags: ["questions"],
    summary: "The shopper's report of an answer, while ops have not yet dealt with it",
    request: { params: ModeratedIdParams },
    responses: {
      200: json(MyAnswerReportSchema, "The report, or null"),
      403: problem("The answer is the shopper's own business's, which takes no report of theirs"),
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    c.header("cache-control", "private, no-store");
    return c.json({ report: await reportOf<AnswerReportReason>(c.env.DB, REPORTABLE_ANSWER, c.req.valid("param").id, user.id) }, 200);
  },
);

answerRoutes.openapi(
  route({
    method: "get",
    path: "/admin/answers/reported",
    access: ["ops"],
    tags: ["questions", "ops"],
    summary: "The sellers' answers shoppers reported, the most reported first (the ops console's queue)",
    description:
      "Paged by `next_cursor`; `waiting` counts every reported answer still shown. Keeping or removing one takes it out of the queue.",
    request: { query: ReportedAnswersQuery },
    responses: { 200: json(ReportedAnswerPageSchema, "The reported answers"), 400: problem("A bad limit or cursor (naming the field)") },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await reportedAnswers(c.env.DB, c.req.valid("query")), 200);
  },
);

answerRoutes.openapi(
  route({
    method: "delete",
    path: "/admin/answers/{id}/reports",
    access: ["ops"],
    tags: ["questions", "ops"],
    summary: "Keep a reported answer: clear its reports, taking it out of the queue",
    description:
      "Records who kept it and when, and tells each shopper who reported it that it stays (Updates page, and email unless they turned `reports` off). " +
      "Reports sent after this put it back in the queue, saying so.",
    request: { params: ModeratedIdParams },
    responses: { 204: { description: "The answer has no reports now" }, 404: problem("No such answer shown, or it was removed") },
  }),
  async (c) => {
    const ops = requireUser(c.var.user);
    await keepReportedAnswer(c.env.DB, c.req.valid("param").id, ops.id);
    return c.body(null, 204);
  },
);
