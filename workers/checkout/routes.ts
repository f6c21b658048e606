import { createRouter } from "../platform/router";

/** Checkout: the idempotent entry to the checkout saga. */
export const checkoutRoutes = createRouter();
