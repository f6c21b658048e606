import { securityHeadersFor } from "../platform/security-headers";
import { fnv1aHex } from "../platform/ids";
import { ART_COLOURS, paintFor } from "./palette";
import { ART_SHAPES } from "./shapes";

/** A product illustration, ready to send. */
export interface Art {
  svg: string;
  etag: string;
}

/**
 * Kept for a year and never revalidated, as a file under /static would be if fingerprinted: the
 * drawing is fixed by its URL, so a redrawn shape must take a new name to reach browsers.
 */
export const ART_CACHE_CONTROL = "public, max-age=31536000, immutable";

/** The path of an illustration: `/art/{shape}/{colour}.svg`, both names in lower-case slug form. */
export const ART_PATH = /^\/art\/([a-z0-9-]{1,40})\/([a-z0-9-]{1,40})\.svg$/;

// Every known pair renders the same bytes every time, and there are a few hundred of them.
const rendered = new Map<string, Art>();

/**
 * The illustration of `shape` in `colour`, or null when either name is unknown. Decorative: pages
 * give it an empty alt next to the product's title, and it says so to anything reading it alone.
 */
export function renderArt(shape: string, colour: string): Art | null {
  const key = `${shape}/${colour}`;
  const known = rendered.get(key);
  if (known) return known;
  const drawing = ART_SHAPES.get(shape);
  const body = ART_COLOURS.get(colour);
  if (!drawing || !body) return null;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200" aria-hidden="true">` +
    `<ellipse cx="100" cy="182" rx="${drawing.shadow}" ry="7" fill="#0f172a" opacity=".1"/>` +
    `<g stroke-width="3" stroke-linejoin="round" stroke-linecap="round">${drawing.draw(paintFor(body))}</g></svg>`;
  const art = { svg, etag: `"${fnv1aHex(svg)}"` };
  rendered.set(key, art);
  return art;
}

/** The headers an illustration is answered with, whichever way it is answered. */
export function artHeaders(art: Art): Record<string, string> {
  return {
    ...securityHeadersFor("image/svg+xml"),
    "content-type": "image/svg+xml; charset=utf-8",
    "cache-control": ART_CACHE_CONTROL,
    etag: art.etag,
  };
}
