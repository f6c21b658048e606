import { createRouter } from "../platform/router";

/** Seller listings, prices and stock. */
export const sellerRoutes = createRouter();
