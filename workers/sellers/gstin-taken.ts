import { AppError } from "../platform/errors";

/** True when a failed write broke the one-seller-per-GSTIN index. */
export function isGstinTaken(err: unknown): boolean {
  return String(err).includes("UNIQUE constraint failed: sellers.gstin");
}

/** The refusal of a GSTIN another seller has on file; it does not say which seller. */
export function gstinTaken(): AppError {
  return new AppError("conflict", "This GSTIN is already registered to another seller on Bazaar.", {
    errors: [
      { path: "gstin", message: "This GSTIN is already registered to another seller. Check it, or contact seller support if it is yours." },
    ],
  });
}
