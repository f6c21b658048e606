/**
 * The four local demo accounts, hashed exactly as workers/accounts/password.ts stores
 * passwords (PBKDF2-SHA256, 100,000 iterations, 32-byte hash and 16-byte salt in base64url
 * without padding). Salts derive from the email so seed output is reproducible; these
 * accounts exist only in local development.
 */
import { DEMO_SELLER_ID, SEED_EPOCH } from "./generate.mjs";

/** The shared demo password. */
export const DEMO_PASSWORD = "demo-password-1";

/** Demo accounts: email, display name and roles (a seller grant binds to the demo seller). */
export const DEMO_ACCOUNTS = [
  { id: "usr_demo_shopper", email: "shopper@demo.test", name: "Demo Shopper", roles: ["shopper"] },
  { id: "usr_demo_seller", email: "seller@demo.test", name: "Demo Seller", roles: ["shopper", "seller"] },
  { id: "usr_demo_deals", email: "deals@demo.test", name: "Demo Deal Manager", roles: ["shopper", "deal_manager"] },
  { id: "usr_demo_ops", email: "ops@demo.test", name: "Demo Ops", roles: ["shopper", "ops"] },
];

const ITERATIONS = 100_000;

function base64url(bytes) {
  return Buffer.from(bytes).toString("base64url");
}

async function hash(password, salt) {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: ITERATIONS }, key, 256));
}

/** `users` and `user_roles` rows for the demo accounts. */
export async function demoAccountRows() {
  const users = [];
  const roles = [];
  for (const a of DEMO_ACCOUNTS) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`demo-salt:${a.email}`));
    const salt = new Uint8Array(digest).slice(0, 16);
    users.push({
      id: a.id,
      email: a.email,
      name: a.name,
      password_hash: base64url(await hash(DEMO_PASSWORD, salt)),
      password_salt: base64url(salt),
      password_iterations: ITERATIONS,
      created_at: new Date(SEED_EPOCH).toISOString(),
    });
    for (const role of a.roles) roles.push({ user_id: a.id, role, seller_id: role === "seller" ? DEMO_SELLER_ID : null });
  }
  return { users, roles };
}
