import { z } from "@hono/zod-openapi";

/**
 * What a new password must be. Length is what makes a password hard to guess (NIST SP 800-63B):
 * at least 10 characters, and no composition rules beyond that; but ten spaces or one key held
 * down are ten characters too, and the handful of ten-character passwords everyone tries first
 * are guessed on the first attempts, so those are refused with the reason.
 */
export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 128;

/** Fewer distinct characters than this is a key held down or a short pattern repeated. */
const MIN_DISTINCT = 4;

// The passwords of ten or more characters at the top of published breach lists, lowercased.
const COMMON = new Set([
  "1234567890",
  "12345678910",
  "0987654321",
  "0123456789",
  "123456789a",
  "a123456789",
  "1234567890a",
  "qwertyuiop",
  "qwerty1234",
  "qwerty12345",
  "1q2w3e4r5t",
  "1qaz2wsx3edc",
  "qazwsxedcrfv",
  "asdfghjkl1",
  "password12",
  "password123",
  "password1234",
  "passw0rd123",
  "iloveyou12",
  "iloveyou123",
  "abcdefghij",
  "abcd123456",
  "abc1234567",
  "india12345",
  "india@1234",
  "welcome123",
  "welcome@123",
  "changeme123",
  "letmein123",
  "admin12345",
  "administrator",
  "sunshine123",
  "princess123",
  "football123",
  "monkey12345",
]);

/** Why `password` may not be chosen, in words for the shopper; null when it may. */
export function passwordRefusal(password: string): string | null {
  if (password.length < MIN_PASSWORD) return `Use at least ${MIN_PASSWORD} characters`;
  if (password.length > MAX_PASSWORD) return `Use at most ${MAX_PASSWORD} characters`;
  if (password.trim() === "") return "Use letters, digits or symbols, not only spaces";
  if (new Set(password).size < MIN_DISTINCT) return "Use more than a few different characters";
  if (COMMON.has(password.toLowerCase())) return "This password is one of the first ones guessed: choose another";
  return null;
}

/** A new password as every form and API body that sets one reads it. */
export const NewPasswordField = z
  .string()
  .max(MAX_PASSWORD, `Use at most ${MAX_PASSWORD} characters`)
  .superRefine((password, ctx) => {
    // Too long is said once, by the bound above.
    const refusal = password.length > MAX_PASSWORD ? null : passwordRefusal(password);
    if (refusal) ctx.addIssue({ code: "custom", message: refusal });
  });

/** Why a password the same as the account's email is refused, wherever one is chosen. */
export const PASSWORD_IS_EMAIL = "Use something other than your email address";

/** Whether a password is the account's email address, or the part before its @, in any case. */
export function passwordIsEmail(password: string, email: string): boolean {
  const typed = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  return typed === address || typed === address.split("@")[0];
}
