import { accountRoutes } from "./accounts/routes";
import { authenticate } from "./accounts/authenticate";
import { cartRoutes } from "./cart/routes";
import { catalogRoutes } from "./catalog/routes";
import { checkoutRoutes } from "./checkout/routes";
import { dealRoutes } from "./deals/routes";
import { inventoryRoutes } from "./inventory/routes";
import { orderRoutes } from "./orders/routes";
import { pageRoutes } from "./pages/routes";
import { paymentRoutes } from "./payments/routes";
import { pspSandboxRoutes } from "./payments/sandbox-routes";
import { runScheduled } from "./platform/cron";
import type { Envelope } from "./platform/outbox";
import { renderError, renderNotFound, requestContext } from "./platform/front-door";
import { dispatchQueue } from "./platform/queues";
import { createRouter } from "./platform/router";
import { searchRoutes } from "./search/routes";
import { sellerRoutes } from "./sellers/routes";

const app = createRouter();

app.use(requestContext);
app.use(authenticate);

app.route("/api", accountRoutes);
app.route("/api", catalogRoutes);
app.route("/api", searchRoutes);
app.route("/api", cartRoutes);
app.route("/api", checkoutRoutes);
app.route("/api", orderRoutes);
app.route("/api", paymentRoutes);
app.route("/api", dealRoutes);
app.route("/api", sellerRoutes);
app.route("/api", inventoryRoutes);
app.route("/psp-sandbox", pspSandboxRoutes);
app.route("/", pageRoutes);

app.doc31("/api/openapi.json", {
  openapi: "3.1.0",
  info: { title: "Bazaar Edge storefront API", version: "1.0.0" },
});

app.notFound(renderNotFound);
app.onError(renderError);

export default {
  fetch: app.fetch,
  queue: dispatchQueue,
  scheduled: runScheduled,
} satisfies ExportedHandler<Env, Envelope<unknown>>;

export { CheckoutWorkflow } from "./checkout/workflow";
export { Cart } from "../durable-objects/cart";
export { SkuGate } from "../durable-objects/sku-gate";
