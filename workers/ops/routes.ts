import { problem } from "../catalog/schemas";
import { createRouter, route } from "../platform/router";
import { readOverview } from "./overview";
import { OverviewSchema } from "./schemas";

/** The ops team's overview of the store on sale day. */
export const opsRoutes = createRouter();

opsRoutes.openapi(
  route({
    method: "get",
    path: "/admin/overview",
    access: ["ops"],
    rateClass: "admin",
    tags: ["ops"],
    summary: "Whether the store is keeping up: orders per queue and per hour, the longest waits, the crons' unfinished work and the deals",
    description:
      "Every figure but the deals' units left is read in one D1 batch, each from one index range. Each count stops reading past `capped_at`: one with more answers `capped_at` and is named in `capped`, so a sale day's long queues are not read in full on every view. Units left come from each live deal's gate, through the waiting room's cache.",
    responses: {
      200: { description: "The figures", content: { "application/json": { schema: OverviewSchema } } },
      401: problem("Not signed in"),
      403: problem("Not ops"),
    },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await readOverview(c.env, c.executionCtx), 200);
  },
);
