/** The current time as an RFC 3339 UTC string, the only time format stored or sent. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** A time `seconds` from now (or from `from`), RFC 3339 UTC. */
export function isoIn(seconds: number, from: Date = new Date()): string {
  return new Date(from.getTime() + seconds * 1000).toISOString();
}

/** An RFC 3339 time as a short date and time in India Standard Time ("6 Dec 2026, 10:14 am"); the input as given when it is no time. */
export function istDateTime(iso: string | number): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleString("en-IN", { timeZone: "Asia/Kolkata", dateStyle: "medium", timeStyle: "short" });
}

/**
 * The same, saying its zone, for a message ("6 Dec 2026, 10:14 am IST"): problem details are read
 * by sellers and ops, not only parsed, and the store keeps India Standard Time.
 */
export function istTime(iso: string | number): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : `${istDateTime(iso)} IST`;
}
