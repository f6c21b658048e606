// Creates an ops account, for `npm run create-admin` and its test. It hashes exactly as
// workers/accounts/password.ts does (PBKDF2-SHA256, 16-byte salt, base64url), so the account signs
// in through the normal API. The database is reached through `query` and `execute`, so the script
// can go through wrangler while the test talks to D1 directly.

/** The iteration count the Worker uses; workerd refuses more. */
export const ITERATIONS = 100_000;

/** The flag that lets an operator grant ops to an account that already exists. */
export const PROMOTE_FLAG = "--promote-existing";

function base64url(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function sqlString(value) {
  return `'${String(value).replaceAll("'", "''")}'`;
}

function checkedInput({ email, name, password }) {
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
  return { email: normalized, displayName, password };
}

function describeAccount(account, email) {
  return `${account.id} <${email}> ("${account.name}", registered ${account.created_at})`;
}

// Registration is open and unverified, so an account holding the email may belong to whoever
// registered it first: handing it ops would hand them the shop.
function existingAccountError(account, email) {
  return new Error(
    `An account already exists for ${email}: ${describeAccount(account, email)}. Anyone can register, so it may not be yours, and it was not given ops. Use another email, or, once you have confirmed who owns this account, run again with ${PROMOTE_FLAG}.`,
  );
}

function grantOpsSql(userId) {
  const id = sqlString(userId);
  return [
    `INSERT OR IGNORE INTO user_roles (user_id, role, seller_id) SELECT id, 'shopper', NULL FROM users WHERE id = ${id};`,
    `INSERT OR IGNORE INTO user_roles (user_id, role, seller_id) SELECT id, 'ops', NULL FROM users WHERE id = ${id};`,
  ];
}

async function newAccountSql({ email, displayName, password }, iterations, now) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  const id = `usr_${base64url(crypto.getRandomValues(new Uint8Array(12)))}`;
  // No ON CONFLICT: should someone register the email after the check, the insert fails, and the
  // grants, which name this id rather than the email, give their account nothing.
  const insert = `INSERT INTO users (id, email, name, password_hash, password_salt, password_iterations, created_at) VALUES (${sqlString(id)}, ${sqlString(email)}, ${sqlString(displayName)}, ${sqlString(base64url(new Uint8Array(bits)))}, ${sqlString(base64url(salt))}, ${iterations}, ${sqlString(now)});`;
  return { id, sql: [insert, ...grantOpsSql(id)].join("\n") };
}

/**
 * Creates an ops account with the given password. An account that already has the email is refused,
 * unless `promoteExisting` is set: then it is granted ops, keeps its own password, and `warn` names it.
 * `query(sql)` returns a SELECT's rows; `execute(sql)` runs statements given one per line.
 */
export async function createOpsAccount(
  { email, name, password, promoteExisting = false, iterations = ITERATIONS, now = new Date().toISOString() },
  { query, execute, warn },
) {
  const input = checkedInput({ email, name, password });
  const findAccount = async () =>
    (await query(`SELECT id, name, created_at FROM users WHERE email = ${sqlString(input.email)};`))[0] ?? null;

  const existing = await findAccount();
  if (existing && !promoteExisting) throw existingAccountError(existing, input.email);
  if (existing) {
    warn(
      `Warning: granting ops to the existing account ${describeAccount(existing, input.email)}. It keeps its own password (ADMIN_PASSWORD was not used), so whoever holds that password now has ops.`,
    );
    await execute(grantOpsSql(existing.id).join("\n"));
    return { id: existing.id, email: input.email, created: false };
  }

  const { id, sql } = await newAccountSql(input, iterations, now);
  try {
    await execute(sql);
  } catch (err) {
    const registered = await findAccount();
    if (registered && registered.id !== id) throw existingAccountError(registered, input.email);
    throw err;
  }
  return { id, email: input.email, created: true };
}
