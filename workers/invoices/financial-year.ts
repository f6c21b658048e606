/** IST is UTC+05:30 all year. */
const IST_OFFSET_MS = 330 * 60_000;

/** The Indian financial year (April to March, in IST) a moment falls in, as invoices name it: "2026-27". */
export function financialYearOf(at: string): string {
  const ist = new Date(Date.parse(at) + IST_OFFSET_MS);
  const start = ist.getUTCMonth() >= 3 ? ist.getUTCFullYear() : ist.getUTCFullYear() - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
}

/** The calendar date of a moment in IST, "2026-07-04": the date an invoice is dated. */
export function istDate(at: string): string {
  return new Date(Date.parse(at) + IST_OFFSET_MS).toISOString().slice(0, 10);
}
