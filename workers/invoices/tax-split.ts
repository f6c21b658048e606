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
 * is left after the taxable value, so the parts always add up to what the shopper paid. Within one
 * state the tax is halved into central and state GST (the odd paisa going to SGST); between states
 * it is all integrated GST.
 */
export function splitTax(gross: number, rate: number, intraState: boolean): LineTax {
  const taxable = taxableValue(gross, rate);
  const tax = gross - taxable;
  if (!intraState) return { taxable, cgst: 0, sgst: 0, igst: tax };
  const cgst = Math.floor(tax / 2);
  return { taxable, cgst, sgst: tax - cgst, igst: 0 };
}
