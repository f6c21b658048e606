import { Hono } from "hono";
import type { AppEnv } from "../platform/context";
import { noteProductPageView } from "../search/interest-tracking";
import type { ApiFetch } from "./api";
import { registerAllReviewsPage } from "./all-reviews";
import { edgePageCache } from "./cache";
import { registerCartPages } from "./cart";
import { registerCheckoutPages } from "./checkout";
import { registerDealsConsole } from "./consoles/deals";
import { registerOpsConsole } from "./consoles/ops";
import { registerOpsOrderPage } from "./consoles/ops-order";
import { registerOpsEmails } from "./consoles/ops-emails";
import { registerOpsHolidays } from "./consoles/ops-holidays";
import { registerOpsOverview } from "./consoles/ops-overview";
import { registerOpsReviewsConsole } from "./consoles/ops-reviews";
import { registerSellerConsole } from "./consoles/seller";
import { registerSellerBulk } from "./consoles/seller-bulk";
import { registerSellerFeedback } from "./consoles/seller-feedback";
import { registerSellerInvoicePage } from "./consoles/seller-invoice";
import { registerSellerNewListing } from "./consoles/seller-new";
import { registerSellerProfile } from "./consoles/seller-profile";
import { registerSellerSignup } from "./consoles/seller-register";
import { registerSellerPayments } from "./consoles/seller-payments";
import { registerSellerReturns } from "./consoles/seller-returns";
import { registerDealPage } from "./deal";
import { registerDealsPage } from "./deals";
import { registerWaitingRoomAdmit } from "./deal-admit";
import { registerNoScriptWaitingRoom } from "./deal-wait";
import { registerCreditNotePage } from "./credit-note";
import { registerInvoicePage } from "./invoice";
import { registerOrderPages } from "./orders";
import { registerPasswordResetPages } from "./password-reset";
import { registerAccountPages } from "./account";
import { registerNotificationSettings } from "./notification-settings";
import { registerProductPage } from "./product";
import { registerReviewForm } from "./review-form";
import { registerShopPages } from "./shop";
import { registerSignInPages } from "./signin";
import { registerUnsubscribePages } from "./unsubscribe";
import { registerUpdatesPage } from "./updates";
import { registerWishlistPages } from "./wishlist";

/**
 * Server-rendered pages. They read and write through the public JSON API, dispatched in-process
 * by `fetchApi`, so the browser and every other client see one contract.
 */
export function createPageRoutes(fetchApi: ApiFetch): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();
  // Before the page cache, which answers signed-in visitors too.
  pages.use("/products/:id", noteProductPageView);
  pages.use(edgePageCache);
  registerShopPages(pages, fetchApi);
  registerProductPage(pages, fetchApi);
  registerAllReviewsPage(pages, fetchApi);
  registerReviewForm(pages, fetchApi);
  registerCartPages(pages, fetchApi);
  registerCheckoutPages(pages, fetchApi);
  registerOrderPages(pages, fetchApi);
  registerWishlistPages(pages, fetchApi);
  registerInvoicePage(pages, fetchApi);
  registerCreditNotePage(pages, fetchApi);
  registerAccountPages(pages, fetchApi);
  registerUpdatesPage(pages, fetchApi);
  registerNotificationSettings(pages, fetchApi);
  registerUnsubscribePages(pages, fetchApi);
  registerSignInPages(pages, fetchApi);
  registerPasswordResetPages(pages, fetchApi);
  registerDealsPage(pages, fetchApi);
  registerDealPage(pages, fetchApi);
  registerNoScriptWaitingRoom(pages, fetchApi);
  registerWaitingRoomAdmit(pages, fetchApi);
  registerSellerConsole(pages, fetchApi);
  registerSellerNewListing(pages, fetchApi);
  registerSellerBulk(pages, fetchApi);
  registerSellerReturns(pages, fetchApi);
  registerSellerPayments(pages, fetchApi);
  registerSellerFeedback(pages, fetchApi);
  registerSellerProfile(pages, fetchApi);
  registerSellerSignup(pages, fetchApi);
  registerSellerInvoicePage(pages, fetchApi);
  registerDealsConsole(pages, fetchApi);
  registerOpsOverview(pages, fetchApi);
  registerOpsConsole(pages, fetchApi);
  registerOpsOrderPage(pages, fetchApi);
  registerOpsEmails(pages, fetchApi);
  registerOpsReviewsConsole(pages, fetchApi);
  registerOpsHolidays(pages, fetchApi);
  return pages;
}
