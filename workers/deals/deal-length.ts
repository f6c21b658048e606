/**
 * How long a deal may run and how far ahead it may be created. Its units leave the ledger when it
 * is created, so a deal set up for years ahead (a mistyped year) would keep stock from sale for
 * nothing: a start further off than this is refused.
 */

/** The longest a deal may run, in days. */
export const LONGEST_DEAL_DAYS = 14;

/** How far ahead a deal may be created to start, in days: a year of sale days planned ahead. */
export const STARTS_WITHIN_DAYS = 365;

export const LONGEST_DEAL_MS = LONGEST_DEAL_DAYS * 86_400_000;
export const STARTS_WITHIN_MS = STARTS_WITHIN_DAYS * 86_400_000;
