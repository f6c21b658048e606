/**
 * India's states and union territories by GST state code: the first two digits of a GSTIN, and
 * what decides whether a supply is within a state (CGST + SGST) or between states (IGST).
 * From the GST portal's state code list; Andhra Pradesh's old code 28 is kept for GSTINs issued
 * before it became 37.
 */
export const GST_STATES: Readonly<Record<string, string>> = {
  "01": "Jammu and Kashmir",
  "02": "Himachal Pradesh",
  "03": "Punjab",
  "04": "Chandigarh",
  "05": "Uttarakhand",
  "06": "Haryana",
  "07": "Delhi",
  "08": "Rajasthan",
  "09": "Uttar Pradesh",
  "10": "Bihar",
  "11": "Sikkim",
  "12": "Arunachal Pradesh",
  "13": "Nagaland",
  "14": "Manipur",
  "15": "Mizoram",
  "16": "Tripura",
  "17": "Meghalaya",
  "18": "Assam",
  "19": "West Bengal",
  "20": "Jharkhand",
  "21": "Odisha",
  "22": "Chhattisgarh",
  "23": "Madhya Pradesh",
  "24": "Gujarat",
  "26": "Dadra and Nagar Haveli and Daman and Diu",
  "27": "Maharashtra",
  "28": "Andhra Pradesh",
  "29": "Karnataka",
  "30": "Goa",
  "31": "Lakshadweep",
  "32": "Kerala",
  "33": "Tamil Nadu",
  "34": "Puducherry",
  "35": "Andaman and Nicobar Islands",
  "36": "Telangana",
  "37": "Andhra Pradesh",
  "38": "Ladakh",
  "97": "Other Territory",
};

// Shoppers type the state freehand: old names, "NCT of Delhi", and the two-letter codes on number plates.
const ALIASES: Readonly<Record<string, string>> = {
  orissa: "21",
  pondicherry: "34",
  newdelhi: "07",
  nctofdelhi: "07",
  delhinct: "07",
  jammukashmir: "01",
  andamannicobar: "35",
  andamanandnicobar: "35",
  damananddiu: "26",
  dadraandnagarhaveli: "26",
  uttaranchal: "05",
  jk: "01",
  hp: "02",
  pb: "03",
  ch: "04",
  uk: "05",
  hr: "06",
  dl: "07",
  rj: "08",
  up: "09",
  br: "10",
  sk: "11",
  ar: "12",
  nl: "13",
  mn: "14",
  mz: "15",
  tr: "16",
  ml: "17",
  as: "18",
  wb: "19",
  jh: "20",
  od: "21",
  or: "21",
  cg: "22",
  mp: "23",
  gj: "24",
  dd: "26",
  dn: "26",
  mh: "27",
  ka: "29",
  ga: "30",
  ld: "31",
  kl: "32",
  tn: "33",
  py: "34",
  an: "35",
  ts: "36",
  tg: "36",
  ap: "37",
  la: "38",
};

const fold = (name: string) =>
  name
    .normalize("NFKC")
    .toLowerCase()
    .replaceAll("&", "and")
    .replace(/[^a-z]/g, "");

const BY_NAME: ReadonlyMap<string, string> = new Map([
  // "37" is listed after "28", so Andhra Pradesh typed by name is placed under its current code.
  ...Object.entries(GST_STATES).map(([code, name]) => [fold(name), code] as const),
  ...Object.entries(ALIASES),
]);

/** The GST state code of a state as a shopper typed it, or null when it names no state we know. */
export function stateCode(typed: string): string | null {
  return BY_NAME.get(fold(typed)) ?? null;
}

/** The state a GSTIN is registered in, from its first two digits; null for a code no state has. */
export function gstinState(gstin: string): { code: string; name: string } | null {
  const code = gstin.slice(0, 2);
  const name = GST_STATES[code];
  return name ? { code, name } : null;
}
