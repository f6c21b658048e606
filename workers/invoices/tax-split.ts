import { taxableValue } from "./gst-rate";

/** One invoice line's price paid, split into its value before GST and the GST on it, in paise. */
export interface LineTax {
  taxable: number;
  cgst: number;
  sgst: number;
  igst: number;
}

/**
 * Splits `gross` paise (GST included at `rate` percent) into taxable value and tax. The tax is what
 * is left after the taxable value, so the parts always add up to what the shopper paid. Between
 * states it is all integrated GST. Within one state it is central and state GST at half the rate
 * each, which must be equal: where the tax comes to an odd paisa, the taxable value takes that
 * paisa instead, moved towards its exact value, so it stays within a paisa of it.
 */
export function splitTax(gross: number, rate: number, intraState: boolean): LineTax {
  const rounded = taxableValue(gross, rate);
  if (!intraState) return { taxable: rounded, cgst: 0, sgst: 0, igst: gross - rounded };
  let taxable = rounded;
  if ((gross - rounded) % 2 !== 0) {
    // Integers only: rounded × (100 + rate) against gross × 100 says which side of exact it fell.
    taxable = rounded * (100 + rate) > gross * 100 ? rounded - 1 : rounded + 1;
  }
  const half = (gross - taxable) / 2;
  return { taxable, cgst: half, sgst: half, igst: 0 };
}
