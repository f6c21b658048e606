import { GST_STATES } from "./gst-states";

const CODE_POINTS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// State code, PAN (five letters, four digits, a letter), registration number in that state, "Z", check character.
const SHAPE = /^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;

/** A GSTIN's length. */
export const GSTIN_LENGTH = 15;

/**
 * The check character of a GSTIN's first 14 characters: each character's base-36 value, every
 * second one from the right doubled, the two base-36 digits of each product added up, and the
 * character that takes the sum to a multiple of 36 (the GSTN's published scheme, a Luhn mod 36).
 */
export function gstinCheckCharacter(first14: string): string {
  let sum = 0;
  for (let i = 0; i < first14.length; i++) {
    const value = CODE_POINTS.indexOf(first14.charAt(i));
    if (value < 0) throw new RangeError(`"${first14.charAt(i)}" cannot appear in a GSTIN`);
    // Counted from the left of 14 characters, the doubled ones are the 2nd, 4th, … 14th.
    const product = value * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return CODE_POINTS.charAt((36 - (sum % 36)) % 36);
}

/** What is wrong with a GSTIN, checked in the order a person would fix it. */
export type GstinFault = "length" | "shape" | "state" | "check";

/** The first thing wrong with a GSTIN (upper case expected), or null for a valid one. */
export function gstinFault(gstin: string): GstinFault | null {
  if (gstin.length !== GSTIN_LENGTH) return "length";
  if (!SHAPE.test(gstin)) return "shape";
  if (!GST_STATES[gstin.slice(0, 2)]) return "state";
  return gstinCheckCharacter(gstin.slice(0, 14)) === gstin.charAt(14) ? null : "check";
}

/** True for a well-formed GSTIN of a known state whose check character matches. */
export function isValidGstin(gstin: string): boolean {
  return gstinFault(gstin) === null;
}
