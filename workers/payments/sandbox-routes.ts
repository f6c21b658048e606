import { z } from "@hono/zod-openapi";
import { readConfig } from "../platform/config";
import { AppError } from "../platform/errors";
import { createRouter, route } from "../platform/router";
import { renderHostedPage } from "./sandbox/hosted-page";
import { type HostedOutcome, SandboxProvider, hostedTimeUp, paymentWithSettings, settleHostedPayment } from "./sandbox/provider";
import { readSettings, writeSettings } from "./sandbox/settings";
import { deliverWebhook, outcomeEvent } from "./sandbox/webhooks";

/** The built-in sandbox payment provider (hosted payment page and provider API). */
export const pspSandboxRoutes = createRouter();

/** A card number the sandbox always declines, like real providers' test cards. */
const DECLINED_CARD = "4000000000000002";

const RefParam = z.object({
  ref: z
    .string()
    .regex(/^psp_[0-9a-f]{24}$/)
    .openapi({ param: { name: "ref", in: "path" } }),
});

const PayForm = z
  .object({
    decision: z.enum(["pay", "fail"]),
    vpa: z.string().max(100).optional(),
    card_number: z.string().max(30).optional(),
    bank: z.string().max(60).optional(),
  })
  .openapi("SandboxPayForm");

const Settings = z
  .object({
    declinePercent: z.number().int().min(0).max(100),
    latencyMs: z.number().int().min(0).max(30_000),
    duplicateWebhooks: z.number().int().min(0).max(5),
    webhookDelayMs: z.number().int().min(0).max(600_000),
  })
  .openapi("SandboxSettings");

pspSandboxRoutes.openapi(
  route({
    method: "get",
    path: "/pay/{ref}",
    access: "public",
    tags: ["psp-sandbox"],
    summary: "The hosted payment page the shopper is redirected to",
    request: { params: RefParam },
    responses: {
      200: { description: "HTML payment page", content: { "text/html": { schema: z.string() } } },
      404: { description: "No such payment" },
    },
  }),
  async (c) => {
    const payment = await new SandboxProvider(c.env.DB, new URL(c.req.url).origin).retrieve(c.req.valid("param").ref);
    if (!payment) throw new AppError("not_found", "No such payment.");
    c.header("cache-control", "no-store");
    return c.html(renderHostedPage(payment, c.var.csrfToken), 200);
  },
);

pspSandboxRoutes.openapi(
  route({
    method: "post",
    path: "/pay/{ref}",
    access: "public",
    tags: ["psp-sandbox"],
    summary: "Approve or fail a payment; sends the signed webhook and redirects back to the store",
    request: {
      params: RefParam,
      body: { content: { "application/x-www-form-urlencoded": { schema: PayForm } }, required: true },
    },
    responses: {
      303: { description: "Back to the store's return URL" },
      404: { description: "No such payment" },
      409: {
        description: "The time to pay ran out: the payment page says so, and nothing is charged",
        content: { "text/html": { schema: z.string() } },
      },
    },
  }),
  async (c) => {
    const origin = new URL(c.req.url).origin;
    const form = c.req.valid("form");
    const db = c.env.DB;
    const { payment, settings } = await paymentWithSettings(db, c.req.valid("param").ref);
    if (!payment) throw new AppError("not_found", "No such payment.");
    // A form drawn in time and sent after: the checkout would void the payment, so it is never taken.
    if (hostedTimeUp(payment, Date.now())) {
      c.header("cache-control", "no-store");
      return c.html(renderHostedPage(payment, c.var.csrfToken), 409);
    }
    if (payment.status === "requires_action") {
      const declined =
        form.decision === "fail" ||
        form.card_number?.replaceAll(/\s/g, "") === DECLINED_CARD ||
        Math.random() * 100 < settings.declinePercent;
      const outcome: HostedOutcome = declined ? "declined" : "authorized";
      if (await settleHostedPayment(db, payment.ref, outcome)) {
        const event = outcomeEvent({ ref: payment.ref, merchant_ref: payment.merchantRef, status: outcome, amount: payment.amount });
        const delivery = deliverWebhook(origin, readConfig(c.env).PSP_WEBHOOK_SECRET, event, settings);
        // A late webhook must not hold the shopper's redirect; an on-time one is sent before it,
        // so the order page they land on already shows the outcome.
        if (settings.webhookDelayMs > 0) c.executionCtx.waitUntil(delivery);
        else await delivery;
      }
    }
    return c.redirect(payment.returnUrl, 303);
  },
);

pspSandboxRoutes.openapi(
  route({
    method: "get",
    path: "/settings",
    access: ["ops"],
    tags: ["psp-sandbox"],
    summary: "Current failure injection",
    responses: { 200: { description: "Settings", content: { "application/json": { schema: Settings } } } },
  }),
  async (c) => c.json(await readSettings(c.env.DB), 200),
);

pspSandboxRoutes.openapi(
  route({
    method: "put",
    path: "/settings",
    access: ["ops"],
    tags: ["psp-sandbox"],
    summary: "Set failure injection (decline rate, latency, duplicate and late webhooks) for tests and rehearsals",
    request: { body: { content: { "application/json": { schema: Settings.partial().strict() } }, required: true } },
    responses: { 200: { description: "Settings now in force", content: { "application/json": { schema: Settings } } } },
  }),
  async (c) => c.json(await writeSettings(c.env.DB, c.req.valid("json")), 200),
);
