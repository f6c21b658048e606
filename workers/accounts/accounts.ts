import { eq } from "drizzle-orm";
import { type GuestCartLeft, mergeGuestCart } from "../cart/cart-service";
import { userRoles, users } from "../db/schema";
import type { Db, Principal } from "../platform/context";
import { AppError } from "../platform/errors";
import { newId } from "../platform/ids";
import { readConfig } from "../platform/config";
import { nowIso } from "../platform/time";
import { knownDeviceId } from "./known-device";
import { type PasswordHash, hashPassword, verifyPassword } from "./password";
import { createSession, principalForToken, revokeSessionById } from "./sessions";
import { countSignInAttempt, signInBudget } from "./sign-in-throttle";

/** A fresh session for a signed-in user: what the routes turn into a cookie and a bearer token. */
export interface SignedIn {
  user: Principal;
  token: string;
  sessionId: string;
  expiresAt: string;
}

/** Emails are compared case-insensitively, so one person cannot hold two accounts by case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

let decoy: Promise<PasswordHash> | null = null;

/**
 * A hash to verify against when no account matches, so an unknown email costs as much time as a
 * wrong password and response timing does not reveal which emails have accounts.
 */
function decoyHash(): Promise<PasswordHash> {
  decoy ??= hashPassword(crypto.randomUUID());
  return decoy;
}

/** Signs a user in: a new session, and the one the request arrived with (if any) ended. */
export async function openSession(db: Db, userId: string, replacing: string | null, device: string | null = null): Promise<SignedIn> {
  // Rotation: whatever session the request arrived with ends, so a fixed or stolen pre-sign-in
  // token is worthless afterwards.
  if (replacing) await revokeSessionById(db, replacing);
  const session = await createSession(db, userId, undefined, device);
  const user = await principalForToken(db, session.token, "bearer");
  if (!user) throw new Error("A session just created did not resolve");
  return { user, ...session };
}

/** Creates a shopper account and signs it in; 409 when the email already has an account. */
export async function registerAccount(
  db: Db,
  input: { email: string; password: string; name: string },
  replacingSession: string | null,
  device: string | null = null,
): Promise<SignedIn> {
  const email = normalizeEmail(input.email);
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (existing.length) throw new AppError("conflict", "An account with this email already exists; sign in instead.");
  const id = newId("usr");
  const pw = await hashPassword(input.password);
  try {
    await db.batch([
      db.insert(users).values({
        id,
        email,
        name: input.name.trim(),
        passwordHash: pw.hash,
        passwordSalt: pw.salt,
        passwordIterations: pw.iterations,
        createdAt: nowIso(),
      }),
      db.insert(userRoles).values({ userId: id, role: "shopper", sellerId: null }),
    ]);
  } catch (err) {
    // Two registrations racing for one email: the UNIQUE constraint picks the winner.
    if (String(err).includes("UNIQUE")) throw new AppError("conflict", "An account with this email already exists; sign in instead.");
    throw err;
  }
  return openSession(db, id, replacingSession, device);
}

/**
 * Checks credentials and opens a session. Attempts are counted per account before the password is
 * checked, whichever address they come from, so guessing one account's password from many
 * addresses, or all at once, is throttled too; a browser carrying the account's known-device
 * cookie is counted on its own, so those guesses never lock its owner out.
 */
export async function signIn(
  env: Env,
  db: Db,
  input: { email: string; password: string },
  replacingSession: string | null,
  deviceCookie: string | null,
  device: string | null = null,
): Promise<SignedIn> {
  const email = normalizeEmail(input.email);
  const [account] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const deviceId = account && deviceCookie ? await knownDeviceId(readConfig(env).SESSION_SECRET, account.id, deviceCookie) : null;
  const budget = signInBudget(email, account && deviceId ? { userId: account.id, deviceId } : null);
  await countSignInAttempt(env, budget);
  const stored = account
    ? { hash: account.passwordHash, salt: account.passwordSalt, iterations: account.passwordIterations }
    : await decoyHash();
  const ok = await verifyPassword(input.password, stored);
  if (!account || !ok) throw new AppError("wrong_credentials", "The email or password is incorrect.");
  return openSession(db, account.id, replacingSession, device);
}

/**
 * Moves what the visitor put in the cart as a guest into the account at sign-in, and answers how
 * many guest cart lines and saved items did not fit and stay in the guest cart. A failure is
 * logged, not fatal: the guest cart is left intact, so the next sign-in merges it instead.
 */
export async function mergeCartAtSignIn(env: Env, guestId: string | null, userId: string, requestId: string): Promise<GuestCartLeft> {
  const nothing = { unmerged: 0, capped: 0, savedUnmerged: 0 };
  if (!guestId) return nothing;
  try {
    return await mergeGuestCart(env, guestId, userId);
  } catch (err) {
    console.error(JSON.stringify({ level: "error", requestId, message: "guest cart merge failed", error: String(err) }));
    return nothing;
  }
}

/** Sets the name the account goes by (already trimmed and checked by its schema). */
export async function renameAccount(d1: D1Database, userId: string, name: string): Promise<void> {
  await d1.prepare("UPDATE users SET name = ?2 WHERE id = ?1").bind(userId, name).run();
}
