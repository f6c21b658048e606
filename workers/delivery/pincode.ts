/**
 * Indian PIN codes: six digits whose leading ones name where the address is. The first digit is
 * the postal region (1-8 civilian; 9 is the Army Post Office), the first two the postal circle
 * (roughly a state), the first three the sorting district.
 */

/** Why `value` is not a PIN code we can deliver to, in words for the shopper; null when it is one. */
export function pincodeProblem(value: string): string | null {
  if (!/^\d{6}$/.test(value)) return "Enter a 6-digit PIN code";
  if (value[0] === "0") return "No PIN code starts with 0: check the first digit";
  if (value[0] === "9") return "PIN codes starting with 9 are Army Post Office addresses, which we cannot deliver to";
  return null;
}

/** A PIN code the store refuses; its message is `pincodeProblem`'s. */
export class InvalidPincodeError extends Error {
  override readonly name = "InvalidPincodeError";
}

/** How far apart two PIN codes are, by the longest run of leading digits they share. */
export type PincodeDistance = "district" | "circle" | "region" | "country";

/** The distance between two valid PIN codes (see the module comment for what each digit means). */
export function pincodeDistance(from: string, to: string): PincodeDistance {
  if (from.slice(0, 3) === to.slice(0, 3)) return "district";
  if (from.slice(0, 2) === to.slice(0, 2)) return "circle";
  if (from[0] === to[0]) return "region";
  return "country";
}
