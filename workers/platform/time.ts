/** The current time as an RFC 3339 UTC string, the only time format stored or sent. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** A time `seconds` from now (or from `from`), RFC 3339 UTC. */
export function isoIn(seconds: number, from: Date = new Date()): string {
  return new Date(from.getTime() + seconds * 1000).toISOString();
}
