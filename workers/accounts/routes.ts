import { z } from "@hono/zod-openapi";
import { requireUser } from "./authorize";
import { createRouter, route } from "../platform/router";

/** Register, sign in, sign out and the signed-in user. */
export const accountRoutes = createRouter();

const Me = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(z.enum(["shopper", "seller", "deal_manager", "ops"])),
    seller_id: z.string().nullable(),
  })
  .openapi("Me");

accountRoutes.openapi(
  route({
    method: "get",
    path: "/me",
    access: "signed_in",
    tags: ["accounts"],
    summary: "The signed-in user with roles",
    responses: { 200: { description: "The user", content: { "application/json": { schema: Me } } } },
  }),
  (c) => {
    const user = requireUser(c.var.user);
    return c.json({ id: user.id, email: user.email, name: user.name, roles: user.roles, seller_id: user.sellerId }, 200);
  },
);
