// Builds the SQL that creates (or promotes) an ops account. Shared by `npm run create-admin` and
// its test; it hashes exactly as workers/accounts/password.ts does (PBKDF2-SHA256, 16-byte salt,
// base64url), so the account signs in through the normal API.

/** The iteration count the Worker uses; workerd refuses more. */
export const ITERATIONS = 100_000;

function base64url(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function sqlString(value) {
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** Checks the inputs and returns the SQL statements, one per line, ready for `wrangler d1 execute --file`. */
export async function buildOpsAccountSql({ email, name, password, iterations = ITERATIONS, now = new Date().toISOString() }) {
  const normalized = String(email ?? "")
    .trim()
    .toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(normalized) || normalized.length > 254) throw new Error("--email must be an email address");
  if (typeof password !== "string" || password.length < 16 || password.length > 128) {
    throw new Error("The password must be 16 to 128 characters (the first ops account guards everything)");
  }
  const displayName =
    String(name ?? "Operations")
      .trim()
      .slice(0, 100) || "Operations";
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  const id = `usr_${base64url(crypto.getRandomValues(new Uint8Array(12)))}`;
  const e = sqlString(normalized);
  // An existing account keeps its password and is only granted the roles, so re-running is safe.
  return [
    `INSERT INTO users (id, email, name, password_hash, password_salt, password_iterations, created_at) VALUES (${sqlString(id)}, ${e}, ${sqlString(displayName)}, ${sqlString(base64url(new Uint8Array(bits)))}, ${sqlString(base64url(salt))}, ${iterations}, ${sqlString(now)}) ON CONFLICT(email) DO NOTHING;`,
    `INSERT OR IGNORE INTO user_roles (user_id, role, seller_id) SELECT id, 'shopper', NULL FROM users WHERE email = ${e};`,
    `INSERT OR IGNORE INTO user_roles (user_id, role, seller_id) SELECT id, 'ops', NULL FROM users WHERE email = ${e};`,
  ].join("\n");
}
