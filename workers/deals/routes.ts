import { createRouter } from "../platform/router";

/** Flash deals, their admin console API and the waiting room. */
export const dealRoutes = createRouter();
