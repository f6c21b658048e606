import { createRouter } from "../platform/router";

/** The shopper's cart. */
export const cartRoutes = createRouter();
