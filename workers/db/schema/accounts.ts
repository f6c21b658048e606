import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Account holders. Passwords are PBKDF2-SHA256 hashes with a per-user salt. */
export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  passwordSalt: text("password_salt").notNull(),
  passwordIterations: integer("password_iterations").notNull(),
  createdAt: text("created_at").notNull(),
  /**
   * The newest message on the Updates page when the user last opened it; newer ones are unread.
   * A time rather than a flag per message, so opening the page is one small write however many wait.
   */
  updatesSeenAt: text("updates_seen_at"),
});

/** Role grants; a seller grant is bound to one seller id. */
export const userRoles = sqliteTable(
  "user_roles",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role", { enum: ["shopper", "seller", "deal_manager", "ops"] }).notNull(),
    sellerId: text("seller_id"),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.role] }),
    // A seller's users, to tell them of their listings, without reading every shopper's grant.
    index("user_roles_seller_idx").on(t.sellerId).where(sql`${t.sellerId} IS NOT NULL`),
  ],
);

/** Server-side sessions, keyed by the SHA-256 of the bearer/cookie token (the token itself is never stored). */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
    /** What the session was opened from, in the account owner's words ("Chrome on Android"); null when not known. */
    device: text("device"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Password reset links, keyed by the SHA-256 of the link's token (the token itself is only ever in
 * the mail). A link works once (`used_at`) and until `expires_at`; a newer link for the account
 * ends the older ones by moving their `expires_at` to the moment it was sent, so every link
 * ever sent stays a row and the per-account limit counts them by the index's range.
 */
export const passwordResetTokens = sqliteTable(
  "password_reset_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
  },
  // The links an account was sent in the last hour, and its live ones, as one range each.
  (t) => [index("password_reset_tokens_user_created_idx").on(t.userId, t.createdAt)],
);

/**
 * Email change links, keyed by the SHA-256 of the link's token (mailed to the new address only).
 * The account's email changes to `new_email` only when the link is opened: once (`used_at`) and
 * until `expires_at`. As with reset links, a newer link ends the older ones by moving their
 * `expires_at`, so every request stays a row and the per-account limit counts them by the index's range.
 */
export const emailChangeTokens = sqliteTable(
  "email_change_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** The address asked for, normalised as registration stores one. */
    newEmail: text("new_email").notNull(),
    /** The session that asked, which stays signed in when the change is made; every other one ends. */
    sessionId: text("session_id"),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("email_change_tokens_user_created_idx").on(t.userId, t.createdAt)],
);

/**
 * "Secure your account" links, keyed by the SHA-256 of the link's token, mailed to the address an
 * email change moved the account from. Opened once (`used_at`) and until `expires_at`, the link puts
 * the account back on `old_email`. Its token is derived from the notice's event id with a key of
 * SESSION_SECRET's (account-recovery-links.ts), so the durable mail path can write it into the mail
 * without the token ever being stored.
 */
export const accountRecoveryTokens = sqliteTable(
  "account_recovery_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** The address the account had before the change, which the link gives back to it. */
    oldEmail: text("old_email").notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("account_recovery_tokens_user_created_idx").on(t.userId, t.createdAt)],
);

/**
 * What an account chose to be mailed, one row per (user, alert group: `ALERT_GROUPS` in
 * workers/notifications/preferences.ts). A missing row is the default, mailed: only a choice is
 * stored, so every account needs no row and a new group needs no migration; a column per channel
 * (SMS, when there is a service) can be added beside `email`. Messages about the account's own
 * orders are not in any group and are always sent.
 */
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    alertGroup: text("alert_group").notNull(),
    /** 1: the group's alerts are mailed; 0: recorded (the Updates page shows them) and never mailed. */
    email: integer("email").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  // The key is the one lookup every alert insert and every claim makes: (user, group).
  (t) => [primaryKey({ columns: [t.userId, t.alertGroup] })],
);
