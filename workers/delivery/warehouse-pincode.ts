import { pincodeProblem } from "./pincode";

/**
 * The main post office of cities warehouses are in, for a warehouse stored without its own PIN
 * code. Keyed by the city as written, lower-cased; spellings in use on both sides of a renaming
 * are both here.
 */
const CITY_PINCODES: Record<string, string> = {
  mumbai: "400001",
  bombay: "400001",
  thane: "400601",
  "delhi ncr": "110001",
  delhi: "110001",
  "new delhi": "110001",
  gurugram: "122001",
  gurgaon: "122001",
  noida: "201301",
  bengaluru: "560001",
  bangalore: "560001",
  chennai: "600001",
  kolkata: "700001",
  hyderabad: "500001",
  pune: "411001",
  ahmedabad: "380001",
  nagpur: "440001",
  jaipur: "302001",
  lucknow: "226001",
  kochi: "682001",
  guwahati: "781001",
  patna: "800001",
  bhubaneswar: "751001",
  indore: "452001",
  chandigarh: "160001",
};

/** Where a warehouse is, as a PIN code: its own, else its city's; null when neither is known. */
export function warehousePincode(warehouse: { pincode: string | null; city: string }): string | null {
  if (warehouse.pincode && !pincodeProblem(warehouse.pincode)) return warehouse.pincode;
  return CITY_PINCODES[warehouse.city.trim().toLowerCase()] ?? null;
}
