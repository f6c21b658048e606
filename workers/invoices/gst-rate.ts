/**
 * A category's GST as stored: its rate, and for goods the tariff bands by price (apparel, footwear,
 * textile made-ups) the rate on a piece worth more than ₹2,500.
 */
export interface GstRule {
  rate: number;
  rateAboveBand: number | null;
}

/**
 * What goods of a category with no rate of its own or its ancestors' pay: 18%, the rate of the
 * residuary entry of the schedule (goods not specified elsewhere).
 */
export const RESIDUARY_RULE: GstRule = { rate: 18, rateAboveBand: null };

/** ₹2,500 in paise: the per-piece value above which banded goods pay the higher rate (since 22 September 2025). */
export const BAND_LIMIT = 250_000;

/**
 * The GST rate in percent on one piece sold for `unitPrice` paise, GST included. For banded goods
 * the limit applies to the piece's value before GST (the "sale value" of the notification is the
 * transaction value, which excludes the tax itself), taken at the lower rate: a shirt sold for
 * ₹2,625 is worth ₹2,500 and pays 5%, one sold for ₹2,625.01 pays 18%.
 */
export function gstRateFor(rule: GstRule, unitPrice: number): number {
  if (rule.rateAboveBand === null) return rule.rate;
  return taxableValue(unitPrice, rule.rate) > BAND_LIMIT ? rule.rateAboveBand : rule.rate;
}

/**
 * The value before GST of an amount that includes GST at `rate` percent, rounded to the paisa
 * (halves up), in integers so no floating point error can move a paisa.
 */
export function taxableValue(gross: number, rate: number): number {
  const divisor = 100 + rate;
  return Math.floor((200 * gross + divisor) / (2 * divisor));
}
