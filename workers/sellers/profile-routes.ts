import { requireUser } from "../accounts/authorize";
import { problem } from "../catalog/schemas";
import { AppError } from "../platform/errors";
import { relaySoon } from "../platform/outbox";
import { createRouter, createdHeaders, route } from "../platform/router";
import { json, SELLER, sellerErrors, sellerIdOf } from "./access";
import { readSellerProfile } from "./profile";
import { RegisterSellerBody, SellerProfileSchema, UpdateSellerProfileBody } from "./profile-schemas";
import { registerSeller } from "./register-seller";
import { updateSellerProfile } from "./update-profile";

/** Becoming a seller, and the seller's business details: name, city and the GSTIN its tax invoices need. */
export const sellerProfileRoutes = createRouter();

const GSTIN_REFUSED =
  "Invalid fields: a GSTIN is refused for its length or shape, an unknown state code, or a last (check) character that does not match the rest; `errors` says which";

sellerProfileRoutes.openapi(
  route({
    method: "post",
    path: "/seller/register",
    access: "signed_in",
    tags: ["sellers"],
    summary: "Become a seller: register your business, with its GSTIN",
    description:
      "The signed-in account becomes the seller of a new business and gains the `seller` role, bound to it; its sessions act as that seller from their next request. One seller per account and one per GSTIN. A refused registration writes nothing.",
    request: { body: { content: { "application/json": { schema: RegisterSellerBody } }, required: true } },
    responses: {
      201: json(SellerProfileSchema, "The new seller's profile", createdHeaders),
      400: problem(GSTIN_REFUSED),
      401: problem("Not signed in"),
      409: problem(
        "Your account is already a seller (`seller_id` names it), or another seller has this GSTIN on file (`errors` names `gstin`)",
      ),
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    const profile = await registerSeller(c.env.DB, user.id, c.req.valid("json"));
    c.header("cache-control", "private, no-store");
    c.header("location", "/api/seller/profile");
    return c.json(profile, 201);
  },
);

sellerProfileRoutes.openapi(
  route({
    method: "get",
    path: "/seller/profile",
    access: SELLER,
    tags: ["sellers"],
    summary: "Your business profile, and whether tax invoices can be issued for your sales",
    responses: {
      200: json(SellerProfileSchema, "The profile"),
      401: sellerErrors[401],
      403: sellerErrors[403],
      404: problem("Your seller grant names a seller that does not exist"),
    },
  }),
  async (c) => {
    const profile = await readSellerProfile(c.env.DB, sellerIdOf(c));
    if (!profile) throw new AppError("not_found", "Your seller account is linked to a seller that does not exist.");
    c.header("cache-control", "private, no-store");
    return c.json(profile, 200);
  },
);

sellerProfileRoutes.openapi(
  route({
    method: "patch",
    path: "/seller/profile",
    access: SELLER,
    tags: ["sellers"],
    summary: "Change your business name, city or GSTIN",
    description:
      "Only your own seller. A valid GSTIN lets orders with your items that could not ship for want of one ship, and the invoicing cron issues the invoices it held back for you on its next run. A changed name or city reaches your product pages shortly. A refused change writes nothing.",
    request: { body: { content: { "application/json": { schema: UpdateSellerProfileBody } }, required: true } },
    responses: {
      200: json(SellerProfileSchema, "The profile after the change"),
      ...sellerErrors,
      400: problem(GSTIN_REFUSED),
      404: problem("Your seller grant names a seller that does not exist"),
      409: problem("Another seller has this GSTIN on file (`errors` names `gstin`)"),
    },
  }),
  async (c) => {
    const profile = await updateSellerProfile(c.env.DB, sellerIdOf(c), c.req.valid("json"));
    relaySoon(c.env, c.executionCtx);
    c.header("cache-control", "private, no-store");
    return c.json(profile, 200);
  },
);
