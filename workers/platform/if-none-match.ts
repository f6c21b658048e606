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
