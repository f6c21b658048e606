import { GST_STATES, gstinState, stateCode } from "./gst-states";

/**
 * Where goods delivered to `typedState` are supplied, as an invoice names it: the state's own
 * name when we recognise what the shopper typed, else what they typed.
 */
export function placeOfSupply(typedState: string): string {
  const code = stateCode(typedState);
  return code ? (GST_STATES[code] as string) : typedState.trim();
}

/**
 * Whether a supply stays within the seller's state, which makes its GST central plus state
 * rather than integrated. Compared by name, so a GSTIN under Andhra Pradesh's old code 28 is in
 * the same state as a delivery there. A place we cannot recognise counts as another state.
 */
export function isIntraState(sellerGstin: string, place: string): boolean {
  const seller = gstinState(sellerGstin);
  const code = stateCode(place);
  return seller !== null && code !== null && GST_STATES[code] === seller.name;
}
