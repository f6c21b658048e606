import type { Context } from "hono";
import { requireUser } from "../accounts/authorize";
import { problem } from "../catalog/schemas";
import type { AppEnv } from "../platform/context";
import { AppError } from "../platform/errors";

/** The access every seller route declares. */
export const SELLER = ["seller"] as const;

/** A JSON response of `schema` for a route's document. */
export { json } from "../platform/router";

/** The refusals every seller route may answer. */
export const sellerErrors = {
  400: problem("Invalid fields"),
  401: problem("Not signed in"),
  403: problem("Not a seller"),
};

/** The seller id the signed-in seller acts for; a seller grant without one cannot act. */
export function sellerIdOf(c: Context<AppEnv>): string {
  const user = requireUser(c.var.user);
  if (!user.sellerId) throw new AppError("forbidden", "Your seller account is not linked to a seller.");
  return user.sellerId;
}
