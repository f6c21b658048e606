/**
 * A category's GST as stored: its rate, and for goods the tariff bands by price (apparel, footwear,
 * textile made-ups) the rate on a piece worth more than ₹1,000.
 */
export interface GstRule {
  rate: number;
  rateAbove1000: number | null;
}

/**
 * What goods of a category with no rate of its own or its ancestors' pay: 18%, the rate of the
 * residuary entry of the schedule (goods not specified elsewhere).
 */
export const RESIDUARY_RULE: GstRule = { rate: 18, rateAbove1000: null };

/** ₹1,000 in paise: the per-piece value above which banded goods pay the higher rate. */
export const BAND_LIMIT = 100_000;

/**
 * The GST rate in percent on one piece sold for `unitPrice` paise, GST included. For banded goods
 * the limit applies to the piece's value before GST (the "sale value" of the notification is the
 * transaction value, which excludes the tax itself), taken at the lower rate: a shirt sold for
 * ₹1,050 is worth ₹1,000 and pays 5%, one sold for ₹1,050.01 pays 12%.
 */
export function gstRateFor(rule: GstRule, unitPrice: number): number {
  if (rule.rateAbove1000 === null) return rule.rate;
  return taxableValue(unitPrice, rule.rate) > BAND_LIMIT ? rule.rateAbove1000 : rule.rate;
}

/**
 * The value before GST of an amount that includes GST at `rate` percent, rounded to the paisa
 * (halves up), in integers so no floating point error can move a paisa.
 */
export function taxableValue(gross: number, rate: number): number {
  const divisor = 100 + rate;
  return Math.floor((200 * gross + divisor) / (2 * divisor));
}
