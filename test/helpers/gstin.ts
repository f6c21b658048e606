import { gstinCheckCharacter } from "../../workers/invoices/gstin";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

const pick = (alphabet: string, n: number) =>
  Array.from(crypto.getRandomValues(new Uint32Array(n)), (v) => alphabet.charAt(v % alphabet.length)).join("");

/**
 * A valid GSTIN in state `stateCode` no other test seller has (one seller per GSTIN): a random
 * company PAN (its fourth letter C), registration 1 in the state, "Z", and its check character.
 */
export function uniqueGstin(stateCode = "27"): string {
  const first14 = `${stateCode}${pick(LETTERS, 3)}C${pick(LETTERS, 1)}${pick("0123456789", 4)}${pick(LETTERS, 1)}1Z`;
  return first14 + gstinCheckCharacter(first14);
}
