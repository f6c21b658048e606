import { createRouter } from "../platform/router";

/** The built-in sandbox payment provider (hosted payment page and provider API). */
export const pspSandboxRoutes = createRouter();
