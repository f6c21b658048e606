import { createRouter } from "../platform/router";

/** Search, autocomplete and recommendations. */
export const searchRoutes = createRouter();
