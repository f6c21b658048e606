import { oneLineText } from "../platform/one-line-text";
import { UNSHOWN_CHARACTER, hasUnshownCharacters } from "../platform/shown-characters";

/** The longest name an account keeps, in characters. */
export const ACCOUNT_NAME_MAX = 100;

/**
 * A person's name as an account keeps it: runs of spaces made one and the ends trimmed, since it
 * is written into emails as typed, where a browser would not collapse them as a page does. The
 * API, registration and the account's name form check it alike, in the same words.
 */
export const AccountNameField = oneLineText()
  .overwrite((s) => s.replace(/\s+/g, " "))
  .min(1, "Enter your name")
  .max(ACCOUNT_NAME_MAX, `Use at most ${ACCOUNT_NAME_MAX} characters`)
  // Control characters, and the marks that turn text around, would reach mails and review bylines:
  // a name that reads backwards beside other text can pass for something it is not. The API refuses
  // them in any body (platform/shown-characters.ts); the forms check the name here in the same words.
  .refine((s) => !hasUnshownCharacters(s), UNSHOWN_CHARACTER);
