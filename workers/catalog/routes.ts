import { createRouter } from "../platform/router";

/** Categories and product pages: the catalog's read path. */
export const catalogRoutes = createRouter();
