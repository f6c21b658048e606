/** A random, URL-safe id with a readable prefix ("ord_…", "usr_…"). */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${prefix}_${base64url(bytes)}`;
}

/**
 * The runtime's own base64 (Uint8Array.prototype.toBase64 and Uint8Array.fromBase64, which
 * TypeScript's ES2023 library does not declare yet): the herd's every join and poll encodes and
 * decodes tokens, and the native calls are several times faster than building a binary string
 * for btoa and atob.
 */
interface NativeBase64 {
  toBase64(options: { alphabet: "base64url"; omitPadding: boolean }): string;
}
const { fromBase64 } = Uint8Array as unknown as { fromBase64: (s: string, options: { alphabet: "base64url" }) => Uint8Array };

/** Base64url without padding, for tokens and ids. */
export function base64url(bytes: Uint8Array): string {
  return (bytes as unknown as NativeBase64).toBase64({ alphabet: "base64url", omitPadding: true });
}

/** Decodes base64url, padded or not; throws on malformed input (including the `+` and `/` of plain base64). */
export function fromBase64url(s: string): Uint8Array {
  return fromBase64(s, { alphabet: "base64url" });
}

/** Lowercase hex of bytes. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = "";
  for (let i = 0; i < view.length; i++) s += HEX[view[i] as number];
  return s;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/**
 * A 32-bit FNV-1a hash in hex: cheap and synchronous, enough to tell a few hundred fixed drawings
 * or one list's cursor from another's apart. Not for anything that must resist a guess.
 */
export function fnv1aHex(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/** SHA-256 of a string, hex. */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}
