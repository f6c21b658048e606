import { GST_STATES, stateCode } from "../invoices/gst-states";
import { listInWords } from "../platform/list-in-words";

/**
 * Which states and union territories each postal circle (a PIN code's first two digits) serves,
 * by GST state code. Circles and states do not line up exactly (Goa shares Maharashtra's circle,
 * Diu Gujarat's, Puducherry's enclaves sit in three others, Telangana's and Andhra Pradesh's PIN codes crossed
 * the 2014 border), so a circle lists every state an address in it can be in: a courier sorts by
 * the PIN code, and an address whose state it cannot be in was typed wrong in one or the other.
 */
const CIRCLE_STATES: Readonly<Record<string, readonly string[]>> = {
  "11": ["07"],
  "12": ["06"],
  "13": ["06", "03"],
  "14": ["03"],
  "15": ["03"],
  "16": ["03", "04"],
  "17": ["02"],
  "18": ["01"],
  "19": ["01", "38"],
  "20": ["09"],
  "21": ["09"],
  "22": ["09"],
  "23": ["09"],
  "24": ["09", "05"],
  "25": ["09"],
  "26": ["09", "05"],
  "27": ["09"],
  "28": ["09"],
  "30": ["08"],
  "31": ["08"],
  "32": ["08"],
  "33": ["08"],
  "34": ["08"],
  "36": ["24", "26"],
  "37": ["24"],
  "38": ["24"],
  "39": ["24", "26"],
  "40": ["27", "30"],
  "41": ["27"],
  "42": ["27"],
  "43": ["27"],
  "44": ["27"],
  "45": ["23"],
  "46": ["23"],
  "47": ["23"],
  "48": ["23"],
  "49": ["22"],
  "50": ["36", "37"],
  "51": ["37"],
  "52": ["37"],
  "53": ["37", "34"],
  "56": ["29"],
  "57": ["29"],
  "58": ["29"],
  "59": ["29"],
  "60": ["33", "34"],
  "61": ["33"],
  "62": ["33"],
  "63": ["33"],
  "64": ["33"],
  "67": ["32", "34"],
  "68": ["32", "31"],
  "69": ["32"],
  "70": ["19"],
  "71": ["19"],
  "72": ["19"],
  "73": ["19", "11"],
  "74": ["19", "35"],
  "75": ["21"],
  "76": ["21"],
  "77": ["21"],
  "78": ["18"],
  "79": ["12", "13", "14", "15", "16", "17", "18"],
  "80": ["10", "20"],
  "81": ["10", "20"],
  "82": ["10", "20"],
  "83": ["10", "20"],
  "84": ["10", "20"],
  "85": ["10", "20"],
};

/** A state's name as the shopper should read it: its GST name ("37" for Andhra Pradesh, not the old "28"). */
const stateName = (code: string) => GST_STATES[code] ?? code;

/** "Karnataka", "Maharashtra or Goa", "Bihar, Jharkhand or Assam". */
function oneOf(names: readonly string[]): string {
  return listInWords(names, "or");
}

/** The state or union territory `typed` names, by its own name ("KA" and "karnataka" are "Karnataka"); null for none. */
export function canonicalState(typed: string): string | null {
  const code = stateCode(typed);
  return code ? stateName(code) : null;
}

/** Why `typed` is not a state or union territory of India, in the shopper's words; null when it is one. */
export function stateProblem(typed: string): string | null {
  return stateCode(typed) ? null : "Enter a state or union territory of India, e.g. Karnataka";
}

/**
 * Why an address's PIN code and state cannot both be right, naming where the PIN code is; null
 * when they agree, or when either is not one to compare (their own checks say why).
 */
export function pincodeStateProblem(pincode: string, state: string): string | null {
  const code = stateCode(state);
  const circle = CIRCLE_STATES[pincode.slice(0, 2)];
  if (!code || !circle || circle.includes(code)) return null;
  return `${pincode} is a PIN code in ${oneOf(circle.map(stateName))}, not ${stateName(code)}: check the PIN code or the state`;
}

/** The states and union territories by name, for a form's suggestions. */
export const STATE_NAMES: readonly string[] = [...new Set(Object.values(GST_STATES))].filter((n) => n !== "Other Territory").sort();
