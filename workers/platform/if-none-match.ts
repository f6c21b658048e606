import { sha256Hex } from "./ids";

/** True when an If-None-Match header lists this ETag (or is `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  // If-None-Match compares weakly (RFC 9110 13.1.2): a W/ on either side is not part of the tag.
  const own = etag.replace(/^W\//, "");
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === "*" || t === own);
}

/** A weak ETag over a JSON body: the same body, the same tag, wherever it was read. */
export async function weakEtagOf(body: unknown): Promise<string> {
  return `W/"${(await sha256Hex(JSON.stringify(body))).slice(0, 32)}"`;
}
