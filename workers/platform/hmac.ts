import { base64url, fromBase64url, toHex } from "./ids";

const keyCache = new Map<string, Promise<CryptoKey>>();
// One encoder for every call: the herd signs and checks tokens on most of its requests.
const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

function hmacKey(secret: string): Promise<CryptoKey> {
  // Importing a key is comparatively slow; the key depends only on the secret, so it is safe to share.
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", utf8.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keyCache.set(secret, key);
  }
  return key;
}

/** HMAC-SHA256 of `data`, base64url. */
export async function hmacSign(secret: string, data: string): Promise<string> {
  const sig = await crypto.subtle.sign("HMAC", await hmacKey(secret), utf8.encode(data));
  return base64url(new Uint8Array(sig));
}

/** HMAC-SHA256 of `data`, lowercase hex. */
export async function hmacHex(secret: string, data: string): Promise<string> {
  return toHex(await crypto.subtle.sign("HMAC", await hmacKey(secret), utf8.encode(data)));
}

const derivedCache = new Map<string, Promise<string>>();

/**
 * A key of its own for one purpose, derived from `secret` under `label`: what is MACed with it
 * can never stand in for a cookie signature or token made with `secret` itself, and the reverse.
 * Derived once per secret and label, like the imported keys.
 */
export function derivedSecret(secret: string, label: string): Promise<string> {
  const cacheKey = `${label}\n${secret}`;
  let derived = derivedCache.get(cacheKey);
  if (!derived) {
    derived = hmacSign(secret, `derive:${label}`);
    derivedCache.set(cacheKey, derived);
  }
  return derived;
}

/** Constant-time verification of an HMAC-SHA256 signature produced by `hmacSign`. */
export async function hmacVerify(secret: string, data: string, signature: string): Promise<boolean> {
  let sig: Uint8Array;
  try {
    sig = fromBase64url(signature);
  } catch {
    return false;
  }
  return crypto.subtle.verify("HMAC", await hmacKey(secret), sig, utf8.encode(data));
}

/** A compact signed token: base64url(JSON payload) + "." + signature. */
export async function signToken(secret: string, payload: object): Promise<string> {
  const body = base64url(utf8.encode(JSON.stringify(payload)));
  return `${body}.${await hmacSign(secret, body)}`;
}

/** Verifies and decodes a token from `signToken`; null when forged, altered or malformed. */
export async function verifyToken<T>(secret: string, token: string): Promise<T | null> {
  const dot = token.indexOf(".");
  if (dot <= 0) return null;
  const body = token.slice(0, dot);
  if (!(await hmacVerify(secret, body, token.slice(dot + 1)))) return null;
  try {
    return JSON.parse(utf8Decoder.decode(fromBase64url(body))) as T;
  } catch {
    return null;
  }
}
