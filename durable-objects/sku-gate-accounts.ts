import type { GateCall } from "./sku-gate-call";

/**
 * Which account a shopper id belongs to, as the SkuGate has seen it. The waiting room admits
 * guest ids, and a browser keeps its guest id when its shopper signs in or out, so the gate
 * remembers the account a shopper id was last signed in to and counts that id's guest holds
 * against it: signing out in the same browser does not start the deal's limit over.
 */

/**
 * Whom a reserve's hold counts against: `asked` when it names an account (one other than the
 * shopper id), which the gate then remembers for that id; otherwise, a guest, the account the id
 * was last seen signed in to, else the id itself.
 */
export function limitKeyFor(call: GateCall, shopperId: string, asked: string | undefined): string {
  if (asked !== undefined && asked !== shopperId) {
    // An ended deal takes no new holds, so what it learns would never be asked for.
    if (!call.deal.ended) rememberAccount(call.sql, shopperId, asked);
    return asked;
  }
  return accountOf(call.sql, shopperId) ?? shopperId;
}

/** The account `shopperId` was last seen signed in to, or null. */
function accountOf(sql: SqlStorage, shopperId: string): string | null {
  return (
    sql.exec<{ account: string }>("SELECT account FROM shopper_accounts WHERE shopper_id = ?", shopperId).toArray()[0]?.account ?? null
  );
}

function rememberAccount(sql: SqlStorage, shopperId: string, account: string): void {
  // Repeat taps name the same pair: the WHERE keeps them from writing anything.
  sql.exec(
    `INSERT INTO shopper_accounts (shopper_id, account) VALUES (?1, ?2)
     ON CONFLICT (shopper_id) DO UPDATE SET account = excluded.account WHERE account <> excluded.account`,
    shopperId,
    account,
  );
}

/** Forgets every shopper's account once the deal has ended: no new hold will be counted again. */
export function forgetAccounts(sql: SqlStorage): void {
  sql.exec("DELETE FROM shopper_accounts");
}
