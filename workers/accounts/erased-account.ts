/** What a deleted account is called wherever its name was shown: its reviews, questions and kept orders. */
export const FORMER_SHOPPER = "A former shopper";

/**
 * The email a deleted account is left with: unique, as the column is, and under the `.invalid`
 * domain (RFC 2606), so no mail or reset link can ever reach anyone through it.
 */
export function erasedEmail(userId: string): string {
  return `erased-${userId}@account.invalid`;
}
