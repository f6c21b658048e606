/**
 * Valid-looking GSTINs for demo sellers. The check character is computed as
 * workers/invoices/gstin.ts checks it (this file stays free of Worker imports; a test holds the
 * two to agreeing), and the scheme is the one the gst_invoices migration gives sellers of an
 * older database, in SQL.
 */
const CODE_POINTS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** The GSTIN check character of the first 14 characters (Luhn mod 36). */
export function gstinCheckCharacter(first14) {
  let sum = 0;
  for (let i = 0; i < first14.length; i++) {
    const product = CODE_POINTS.indexOf(first14.charAt(i)) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return CODE_POINTS.charAt((36 - (sum % 36)) % 36);
}

/**
 * The `n`-th demo seller's GSTIN (n from 1) in state `stateCode`: a company PAN "BZRC" + the
 * initial of its name + n in four digits + a letter, registration 1 in that state, "Z", check.
 */
export function demoGstin(stateCode, name, n) {
  const initial = /^[A-Za-z]/.test(name) ? name.charAt(0).toUpperCase() : "X";
  const digits = String(((n - 1) % 9999) + 1).padStart(4, "0");
  const first14 = `${stateCode}BZRC${initial}${digits}${String.fromCharCode(65 + (n % 26))}1Z`;
  return first14 + gstinCheckCharacter(first14);
}
