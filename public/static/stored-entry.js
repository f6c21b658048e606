// The checks the page scripts apply to an entry they kept in localStorage (compare.js,
// recently-viewed.js). Any script of this site, or the shopper, can rewrite storage, so each field
// is checked again on every read, the same way by every script that keeps products.

/** The API's catalog id (CatalogId in workers/catalog/schemas.ts), for products and categories alike. */
export const CATALOG_ID = /^[A-Za-z0-9_-]{1,64}$/;

// A path on this site. Browsers read `\` as `/` and drop tabs and newlines, so those are refused
// too: `/\evil.example` would otherwise load from another host.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is being refused
const LOCAL_PATH = /^\/(?![/\\])[^\\\u0000-\u001f\u007f]*$/;

/** A string's words without the spaces around them, at most `max` characters; null for anything else or nothing. */
export const trimmedText = (value, max) => (typeof value === "string" && value.trim() ? value.trim().slice(0, max) : null);

/** An image URL that is a path on this site, or null: a page draws no picture kept from anywhere else. */
export const imagePath = (value) => (typeof value === "string" && value.length <= 500 && LOCAL_PATH.test(value) ? value : null);
