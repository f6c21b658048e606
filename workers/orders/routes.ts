import { createRouter } from "../platform/router";

/** Shopper orders and ops order transitions. */
export const orderRoutes = createRouter();
