/** Why some text is not an amount of rupees, in words that say what to type instead. */
export class RupeesError extends Error {
  override name = "RupeesError";
}

// Digits grouped the Indian way (1,29,999) or the international way (129,999), or not at all.
const WHOLE = /^(\d+|\d{1,3}(,\d{3})+|\d{1,2}(,\d{2})*,\d{3})$/;

/**
 * Rupees as people type them ("1299", "1,299.50", "₹1,29,999.00") as integer paise. Exact: the
 * digits are counted, never multiplied as a fraction, and an amount finer than a paisa is refused
 * rather than rounded. Throws a RupeesError saying what is wrong with anything else.
 */
export function parseRupees(text: string): number {
  const amount = text.trim().replace(/^₹\s*/, "");
  if (amount === "") throw new RupeesError("Enter an amount in rupees, like 1299.");
  const [whole = "", fraction, ...more] = amount.split(".");
  if (more.length > 0 || !/^\d*$/.test(fraction ?? "") || !/^[\d,]+$/.test(whole)) {
    throw new RupeesError(`"${text}" is not an amount in rupees; write it like 1299 or 1,299.50.`);
  }
  if (!WHOLE.test(whole)) throw new RupeesError(`"${text}" has its digits grouped oddly; write it like 1299 or 1,299.`);
  if (fraction !== undefined && (fraction.length < 1 || fraction.length > 2)) {
    throw new RupeesError(`"${text}" needs one or two digits after the point: a paisa is the smallest amount.`);
  }
  const paise = Number(whole.replaceAll(",", "")) * 100 + Number((fraction ?? "").padEnd(2, "0"));
  if (!Number.isSafeInteger(paise)) throw new RupeesError(`"${text}" is more rupees than can be counted exactly.`);
  return paise;
}

/** Paise as the rupees a price input takes: "20000", or "99.50" when there are paise. */
export function rupeesInput(paise: number): string;
export function rupeesInput(paise: number | null): string | undefined;
export function rupeesInput(paise: number | null): string | undefined {
  if (paise === null) return undefined;
  return paise % 100 === 0 ? String(paise / 100) : (paise / 100).toFixed(2);
}
