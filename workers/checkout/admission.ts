import { verifyAdmission } from "../deals/gate-client";
import type { AdmissionClaims } from "../deals/tickets";
import { AppError } from "../platform/errors";

/**
 * A deal's units are only sold to shoppers the waiting room admitted: checkout needs the deal's
 * admission token, issued to this account or to the guest id it was admitted under. Returns its
 * claims: the admitted shopper id names the deal hold (the deal page may already have taken it),
 * and its expiry is when the shopper's admission session ends.
 */
export async function requireAdmission(
  env: Env,
  token: string | undefined,
  dealId: string,
  shopperIds: Array<string | null>,
): Promise<AdmissionClaims> {
  if (!token) {
    throw new AppError("validation_failed", "This deal needs the admission token from its waiting room.", {
      errors: [{ path: "admission_token", message: "required for a deal item" }],
      // The deal names the waiting room a client sends the shopper to for a token.
      extensions: { deal_id: dealId },
    });
  }
  const claims = await verifyAdmission(env, token, { dealId, shopperIds });
  if (!claims) {
    throw new AppError("forbidden", "Your admission to this deal is not valid (expired, or issued to someone else).", {
      extensions: { deal_id: dealId },
    });
  }
  return claims;
}
