import { createRouter } from "../platform/router";

/** Inventory audit for ops. */
export const inventoryRoutes = createRouter();
