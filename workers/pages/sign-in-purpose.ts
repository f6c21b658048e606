/**
 * What signing in is for, read from the page it leads back to, in the words of that page: by
 * path, most particular first. Only pages a visitor is sent from to sign in are named.
 */
const PURPOSES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/wishlist\/save(?:[?/]|$)/, "Sign in to save this to your wishlist."],
  [/^\/wishlist(?:[?/]|$)/, "Sign in to see your wishlist."],
  [/^\/orders\/[^/?]+\/invoices\//, "Sign in to see this invoice."],
  [/^\/orders\/[^/?]+\/credit-notes\//, "Sign in to see this credit note."],
  [/^\/orders\/[^/?]+/, "Sign in to see this order."],
  [/^\/orders(?:[?]|$)/, "Sign in to see your orders."],
  [/^\/account\/updates(?:[?/]|$)/, "Sign in to see your updates."],
  [/^\/account(?:[?/]|$)/, "Sign in to see your account."],
  [/^\/products\/[^/?]+\/review(?:[?/]|$)/, "Sign in to review this product."],
  [/^\/products\/[^/?]+\/ask(?:[?/]|$)/, "Sign in to ask the sellers a question."],
  [/^\/reviews\/[^/?]+\/helpful(?:[?/]|$)/, "Sign in to say whether a review helped you."],
  [/^\/seller(?:[?/]|$)/, "Sign in to your seller console."],
  [/^\/ops(?:[?/]|$)/, "Sign in to the operations console."],
  [/^\/deals-console(?:[?/]|$)/, "Sign in to the deals console."],
];

/**
 * Why a visitor sent to sign in is there, said above the forms: one who opened their wishlist, a
 * console or an order from a link, signed out, or pressed Back after deleting their account sees
 * what the form leads to rather than a bare form. Null for any other page to go back to.
 */
export function signInPurpose(next: string): string | null {
  return PURPOSES.find(([path]) => path.test(next))?.[1] ?? null;
}
