import { base64url, fromBase64url } from "../platform/ids";

/** workerd refuses PBKDF2 above 100,000 iterations; this is the highest the runtime allows. */
export const PBKDF2_ITERATIONS = 100_000;

/** A stored password: the derived key, its salt and the iteration count, as the users table keeps them. */
export interface PasswordHash {
  hash: string;
  salt: string;
  iterations: number;
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** Hashes a password with PBKDF2-SHA256 and a fresh 16-byte salt. */
export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<PasswordHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { hash: base64url(await derive(password, salt, iterations)), salt: base64url(salt), iterations };
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = fromBase64url(stored.hash);
  const actual = await derive(password, fromBase64url(stored.salt), stored.iterations);
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= (actual[i] ?? 0) ^ (expected[i] ?? 0);
  return diff === 0;
}
