import { accountDeletionRoutes } from "./accounts/delete-routes";
import { accountRoutes } from "./accounts/routes";
import { accountRecoveryRoutes } from "./accounts/account-recovery-routes";
import { emailChangeRoutes } from "./accounts/email-change-routes";
import { artRoutes } from "./art/routes";
import { authenticate } from "./accounts/authenticate";
import { cartRoutes } from "./cart/routes";
import { catalogRoutes } from "./catalog/routes";
import { checkoutRoutes } from "./checkout/routes";
import { deliveryRoutes } from "./delivery/routes";
import { holidayRoutes } from "./delivery/holiday-routes";
import { boughtRoutes } from "./deals/bought-routes";
import { holdRoutes } from "./deals/hold-routes";
import { dealRoutes } from "./deals/routes";
import { inventoryRoutes } from "./inventory/routes";
import { invoiceRoutes } from "./invoices/routes";
import { notificationRoutes } from "./notifications/routes";
import { addressRoutes } from "./orders/address-routes";
import { orderRoutes } from "./orders/routes";
import { helpRoutes } from "./help/routes";
import { opsRoutes } from "./ops/routes";
import { createPageRoutes } from "./pages/routes";
import { paymentRoutes } from "./payments/routes";
import { pspSandboxRoutes } from "./payments/sandbox-routes";
import { methodNotAllowed } from "hono/method-not-allowed";
import { guestIdentity } from "./accounts/guest";
import { apiDocsRoutes, openApiDocument } from "./platform/api-docs";
import { deadLetterRoutes } from "./platform/dead-letter-routes";
import { requestBodyLimit } from "./platform/body-limit";
import { csrfProtection } from "./platform/csrf";
import { checkoutNeedsPaymentProvider, paymentSandboxEnabled, sandboxOnlyInDemo } from "./platform/demo-mode";
import { renderError, renderMethodNotAllowed, renderNotFound, requestContext } from "./platform/front-door";
import { loadShedding } from "./platform/load-shedding";
import { pageClock } from "./platform/page-clock";
import { personalAnswersUncached } from "./platform/personal-cache";
import { rateLimits } from "./platform/rate-limit";
import { plainJsonOnly } from "./platform/json-media-type";
import { shownCharactersOnly } from "./platform/shown-characters";
import { apiCors, securityHeaders } from "./platform/security-headers";
import { createRouter } from "./platform/router";
import { answerRoutes } from "./questions/answer-routes";
import { questionRoutes } from "./questions/routes";
import { reviewRoutes } from "./reviews/routes";
import { searchRoutes } from "./search/routes";
import { sellerBulkRoutes } from "./sellers/bulk-routes";
import { sellerFeedbackRoutes } from "./sellers/feedback-routes";
import { sellerPayoutRoutes } from "./sellers/payout-routes";
import { sellerProfileRoutes } from "./sellers/profile-routes";
import { sellerReturnRoutes } from "./sellers/return-routes";
import { sellerRoutes } from "./sellers/routes";
import { wishlistRoutes } from "./wishlist/routes";

/** The storefront's HTTP application: the front door, the JSON API and the pages. */
export const app = createRouter();

// The front door, in order of concern. Each step may answer on its own (problem details), so
// cheap refusals (oversized, shed) come before the session lookup, and rate limits come after
// it because signed-in clients are counted per account.
app.use(requestContext);
app.use(securityHeaders);
// Outside the page cache, so a page it serves is stamped as it goes out, not when it was kept.
app.use(pageClock);
// Before method checks, so that outside demo mode the sandbox's paths are unknown to every method.
app.use("/psp-sandbox/*", sandboxOnlyInDemo);
app.use(methodNotAllowed({ app, onMethodNotAllowed: renderMethodNotAllowed }));
app.use("/api/*", apiCors);
app.use(requestBodyLimit);
app.use(loadShedding);
app.use(guestIdentity);
app.use(authenticate);
app.use("/api/*", personalAnswersUncached);
app.use(csrfProtection);
app.use(rateLimits);
app.use("/api/*", plainJsonOnly);
app.use("/api/*", shownCharactersOnly);
app.use("/api/checkout", checkoutNeedsPaymentProvider);

for (const routes of [
  accountRoutes,
  accountDeletionRoutes,
  emailChangeRoutes,
  accountRecoveryRoutes,
  apiDocsRoutes,
  catalogRoutes,
  deliveryRoutes,
  holidayRoutes,
  reviewRoutes,
  questionRoutes,
  answerRoutes,
  searchRoutes,
  cartRoutes,
  checkoutRoutes,
  orderRoutes,
  helpRoutes,
  addressRoutes,
  wishlistRoutes,
  notificationRoutes,
  invoiceRoutes,
  paymentRoutes,
  dealRoutes,
  holdRoutes,
  boughtRoutes,
  sellerRoutes,
  sellerBulkRoutes,
  sellerProfileRoutes,
  sellerReturnRoutes,
  sellerPayoutRoutes,
  sellerFeedbackRoutes,
  inventoryRoutes,
  deadLetterRoutes,
  opsRoutes,
]) {
  app.route("/api", routes);
}
app.route("/psp-sandbox", pspSandboxRoutes);
app.route("/art", artRoutes);
// Pages call the JSON API through the app itself, in-process, so they share its one contract.
app.route(
  "/",
  createPageRoutes((request, env, ctx) => app.fetch(request, env, ctx)),
);

app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
app.openAPIRegistry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "__Host-session" });
app.get(
  "/api/openapi.json",
  openApiDocument(
    app,
    { openapi: "3.1.0", info: { title: "Bazaar Edge storefront API", version: "1.0.0" } },
    // Outside demo mode the sandbox's routes do not exist, so the contract does not offer them.
    (env) => (paymentSandboxEnabled(env) ? [] : ["/psp-sandbox/"]),
  ),
);

app.notFound(renderNotFound);
app.onError(renderError);
