/**
 * The part of a client's address that rate limits count against. An IPv6 host is normally given
 * a whole /64 and can pick any address in it, so limits keyed by the full address would never
 * see it twice: an IPv6 address counts by its /64 prefix. An IPv4-mapped IPv6 address counts as
 * the IPv4 address it carries, and an IPv4 address (or anything not an IPv6 address) as it is.
 */
export function addressBucket(address: string): string {
  const ip = address.trim();
  if (!ip.includes(":")) return ip;
  const groups = ipv6Groups(ip.split("%")[0]?.toLowerCase() ?? "");
  if (!groups) return ip;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join(".");
  }
  const prefix = groups.slice(0, 4).map((g) => g.toString(16));
  return `${prefix.join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address in any of its textual forms, or null when it is not one. */
function ipv6Groups(ip: string): number[] | null {
  const halves = ip.split("::");
  if (halves.length > 2) return null;
  const compressed = halves.length === 2;
  const head = groupsOf(halves[0] ?? "", !compressed);
  const tail = compressed ? groupsOf(halves[1] ?? "", true) : [];
  if (!head || !tail) return null;
  const zeros = 8 - head.length - tail.length;
  if (compressed ? zeros < 1 : zeros !== 0) return null;
  return [...head, ...new Array<number>(zeros).fill(0), ...tail];
}

/** The groups of one side of `::`; only the address's last part may end in a dotted IPv4 address. */
function groupsOf(part: string, last: boolean): number[] | null {
  if (part === "") return [];
  const pieces = part.split(":");
  const groups: number[] = [];
  for (const [i, piece] of pieces.entries()) {
    if (last && i === pieces.length - 1 && piece.includes(".")) {
      const octets = piece.split(".");
      if (octets.length !== 4 || !octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)) return null;
      const [a = 0, b = 0, c = 0, d = 0] = octets.map(Number);
      groups.push((a << 8) | b, (c << 8) | d);
    } else if (/^[0-9a-f]{1,4}$/.test(piece)) {
      groups.push(Number.parseInt(piece, 16));
    } else {
      return null;
    }
  }
  return groups;
}
