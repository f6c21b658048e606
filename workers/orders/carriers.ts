/**
 * The couriers an order can ship with, each with the shape of its tracking numbers and where its
 * shoppers follow a parcel. The patterns are format checks only, from the numbers each carrier
 * prints on its labels: they catch a digit dropped or a number pasted into the wrong carrier, and
 * cannot tell whether the carrier ever issued the number.
 */
interface Carrier {
  /** The carrier's name as shoppers know it. */
  name: string;
  /** A whole tracking number, after `normalizeTrackingNumber`. */
  pattern: RegExp;
  /** The format in words, for the refusal of a number that does not fit it. */
  format: string;
  /**
   * The carrier's public tracking page; `{number}` is replaced by the tracking number. Carriers
   * whose page takes no number in its address get the page itself, and the shopper types it there.
   */
  track: string;
}

export const CARRIERS = {
  delhivery: {
    name: "Delhivery",
    pattern: /^\d{12,14}$/,
    format: "12 to 14 digits",
    track: "https://www.delhivery.com/track/package/{number}",
  },
  bluedart: {
    name: "Blue Dart",
    pattern: /^\d{11}$/,
    format: "11 digits",
    track: "https://www.bluedart.com/web/guest/trackdartresultthirdparty?trackFor=0&trackNo={number}",
  },
  ekart: {
    name: "Ekart",
    pattern: /^[A-Z]{4}\d{10}$/,
    format: "4 letters and 10 digits, like FMPP0123456789",
    track: "https://ekartlogistics.com/shipmenttrack/{number}",
  },
  xpressbees: {
    name: "Xpressbees",
    pattern: /^\d{12,16}$/,
    format: "12 to 16 digits",
    track: "https://www.xpressbees.com/shipment/tracking?awbNo={number}",
  },
  ecom_express: {
    name: "Ecom Express",
    pattern: /^\d{9,12}$/,
    format: "9 to 12 digits",
    track: "https://www.ecomexpress.in/tracking/?awb_field={number}",
  },
  dtdc: {
    name: "DTDC",
    pattern: /^[A-Z]\d{8,10}$/,
    format: "a letter and 8 to 10 digits, like D12345678",
    track: "https://www.dtdc.in/tracking.asp",
  },
  india_post: {
    name: "India Post",
    // The UPU S10 article number: 2 letters, 8 digits and a check digit, IN. The check digit is not
    // verified: a format check, like the others.
    pattern: /^[A-Z]{2}\d{9}IN$/,
    format: "13 characters, like EE123456789IN",
    track: "https://www.indiapost.gov.in/_layouts/15/dop.portal.tracking/trackconsignment.aspx",
  },
  shadowfax: {
    name: "Shadowfax",
    pattern: /^SF\d{9,12}[A-Z]{0,3}$/,
    format: "SF, 9 to 12 digits and up to 3 letters, like SF123456789012",
    track: "https://www.shadowfax.in/track-order",
  },
} as const satisfies Record<string, Carrier>;

/** A carrier of the list. */
export type KnownCarrier = keyof typeof CARRIERS;

/** Any other courier: named by ops, its numbers taken as given, and no tracking page to link. */
export const OTHER_CARRIER = "other";

/** What the API takes as a carrier: one of the list, or `other` with its name. */
export const CARRIER_IDS = [...(Object.keys(CARRIERS) as KnownCarrier[]), OTHER_CARRIER] as const;
export type CarrierId = (typeof CARRIER_IDS)[number];

/** Another courier's number: letters and digits, as long as any courier's. */
const OTHER_NUMBER = /^[A-Z0-9]{4,40}$/;

/** A tracking number as compared and stored: without the spaces and dashes labels print for reading, in capitals. */
export function normalizeTrackingNumber(typed: string): string {
  return typed.replace(/[\s-]+/g, "").toUpperCase();
}

function isKnown(carrier: string): carrier is KnownCarrier {
  return Object.hasOwn(CARRIERS, carrier);
}

/** Why `number` (normalized) cannot be `carrier`'s, or null when it has the carrier's format. */
export function trackingNumberProblem(carrier: CarrierId, number: string): string | null {
  if (isKnown(carrier)) {
    const c: Carrier = CARRIERS[carrier];
    return c.pattern.test(number) ? null : `${c.name} tracking numbers are ${c.format}.`;
  }
  return OTHER_NUMBER.test(number) ? null : "A tracking number is 4 to 40 letters and digits.";
}

/** The carrier's name as shoppers read it: the list's, or the one ops gave another courier. */
export function carrierName(carrier: string, otherName: string | null): string {
  return isKnown(carrier) ? CARRIERS[carrier].name : (otherName ?? "the courier");
}

/** Where a shopper follows the parcel, or null for a courier not on the list. */
export function trackingUrl(carrier: string, number: string): string | null {
  if (!isKnown(carrier)) return null;
  return CARRIERS[carrier].track.replace("{number}", encodeURIComponent(number));
}
