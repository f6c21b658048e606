import { createRouter } from "../platform/router";

/** Payment provider webhooks. */
export const paymentRoutes = createRouter();
