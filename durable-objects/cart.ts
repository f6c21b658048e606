import { DurableObject } from "cloudflare:workers";
import {
  type MoveOutcome,
  SAVED_TTL_MS,
  type SaveOutcome,
  type SavedItem,
  absorbSaved,
  createSavedTable,
  moveSavedToCart,
  removeSaved,
  saveLine,
  savedItems,
} from "./cart-saved";

/** One line of a cart as the cart stores it: intent only, with the price the shopper saw. */
export interface CartLine {
  listingId: string;
  qty: number;
  /** The unit price (paise) shown when the shopper last added or confirmed this line. */
  seenPrice: number;
  addedAt: string;
  updatedAt: string;
}

/** What a merge did with another cart's lines and saved items, by listing id. */
export interface MergeResult {
  /** Lines now in this cart (added, or added up with a line it had). */
  merged: string[];
  /** Lines that would have taken this cart past MAX_LINES. */
  unmerged: string[];
  /** Lines added up with one this cart had to more than MAX_QTY_PER_LINE, and so cut to it. */
  capped: string[];
  /** Saved items now held by this cart (saved here, or already in it). */
  savedMerged: string[];
  /** Saved items that would have taken this cart's saved list past MAX_SAVED. */
  savedUnmerged: string[];
}

/** A cart's lines and its saved items, read together so a view costs one call to the object. */
export interface CartContents {
  lines: CartLine[];
  saved: SavedItem[];
}

/** Most units of one listing a cart may hold. */
export const MAX_QTY_PER_LINE = 10;
/** Most distinct lines a cart may hold. */
export const MAX_LINES = 50;

/** A cart nobody touched for this long loses its lines to its alarm (saved items last SAVED_TTL_MS). */
export const CART_TTL_MS = 30 * 24 * 3600 * 1000;

// 2: the saved-for-later table.
const SCHEMA_VERSION = 2;

// Which timer the one alarm stands for (`meta.expiry_stage`): the lines' expiry, then the saved list's.
const EXPIRE_LINES = 0;
const EXPIRE_SAVED = 1;

interface LineRow extends Record<string, SqlStorageValue> {
  listing_id: string;
  qty: number;
  seen_price: number;
  added_at: string;
  updated_at: string;
}

function toLine(r: LineRow): CartLine {
  return { listingId: r.listing_id, qty: r.qty, seenPrice: r.seen_price, addedAt: r.added_at, updatedAt: r.updated_at };
}

/**
 * One per shopper (an account's user id, or a guest's signed id), so every device and session of
 * that shopper reaches the same object and sees the same cart. It holds no stock: checkout re-reads
 * price and availability. Each write pushes the expiry alarm out; an abandoned cart deletes itself.
 */
export class Cart extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => {
      this.sql.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)`);
      this.sql.exec(`CREATE TABLE IF NOT EXISTS lines (
        listing_id TEXT PRIMARY KEY, qty INTEGER NOT NULL CHECK (qty > 0),
        seen_price INTEGER NOT NULL, added_at TEXT NOT NULL, updated_at TEXT NOT NULL)`);
      this.sql.exec("CREATE TABLE IF NOT EXISTS merges (source TEXT PRIMARY KEY, merged_at TEXT NOT NULL)");
      createSavedTable(this.sql);
      this.sql.exec(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = MAX(value, excluded.value)",
        SCHEMA_VERSION,
      );
    });
  }

  /** The cart's lines, oldest first. */
  lines(): CartLine[] {
    return this.sql.exec<LineRow>("SELECT * FROM lines ORDER BY added_at, listing_id").toArray().map(toLine);
  }

  /** The items saved for later, most recently saved first. */
  saved(): SavedItem[] {
    return savedItems(this.sql);
  }

  /** The lines and the saved items at one moment. */
  contents(): CartContents {
    return { lines: this.lines(), saved: savedItems(this.sql) };
  }

  /** Moves a line to the saved list, keeping its quantity (see `saveLine`). */
  async saveForLater(listingId: string): Promise<SaveOutcome> {
    const outcome = this.ctx.storage.transactionSync(() => saveLine(this.sql, listingId, new Date().toISOString()));
    await this.touch();
    return outcome;
  }

  /**
   * Moves a saved item back into the cart at `seenPrice` (null: no longer on sale, so it stays
   * saved), refused when the cart already holds MAX_LINES lines.
   */
  async moveToCart(listingId: string, seenPrice: number | null): Promise<MoveOutcome> {
    const limits = { maxLines: MAX_LINES, maxQty: MAX_QTY_PER_LINE };
    const now = new Date().toISOString();
    const outcome = this.ctx.storage.transactionSync(() => moveSavedToCart(this.sql, listingId, seenPrice, limits, now));
    await this.touch();
    return outcome;
  }

  /** Drops saved items (Remove in the saved list, or those a merge took into the account's cart). */
  async removeSaved(listingIds: string[]): Promise<void> {
    removeSaved(this.sql, listingIds);
    await this.touch();
  }

  /**
   * Sets a line's quantity (0 removes it), remembering `seenPrice` as the price the shopper agreed to.
   * Returns false when the cart already has the maximum number of lines.
   */
  async setQty(listingId: string, qty: number, seenPrice: number): Promise<boolean> {
    const now = new Date().toISOString();
    if (qty <= 0) {
      this.sql.exec("DELETE FROM lines WHERE listing_id = ?", listingId);
    } else {
      const exists = this.sql.exec("SELECT 1 FROM lines WHERE listing_id = ?", listingId).toArray().length > 0;
      const count = this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM lines").one().n;
      if (!exists && count >= MAX_LINES) return false;
      this.sql.exec(
        `INSERT INTO lines (listing_id, qty, seen_price, added_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT (listing_id) DO UPDATE SET qty = excluded.qty, seen_price = excluded.seen_price, updated_at = excluded.updated_at`,
        listingId,
        Math.min(qty, MAX_QTY_PER_LINE),
        seenPrice,
        now,
      );
      // A listing is in the cart or saved for later, never both: adding it again takes it off the list.
      removeSaved(this.sql, [listingId]);
    }
    await this.touch();
    return true;
  }

  /**
   * Raises each line to at least `qty` units (capped at MAX_QTY_PER_LINE), never lowering one the
   * shopper already holds more of, at `seenPrice`, the price they are shown now. Repeating it
   * changes nothing more, so "Buy again" pressed twice does not double a line. Answers each line's
   * quantity now, or null for a new line that would take the cart past MAX_LINES (not added).
   */
  async raiseTo(wanted: Array<{ listingId: string; qty: number; seenPrice: number }>): Promise<Array<number | null>> {
    const now = new Date().toISOString();
    const held: Array<number | null> = [];
    for (const w of wanted) {
      const existing = this.sql.exec<{ qty: number }>("SELECT qty FROM lines WHERE listing_id = ?", w.listingId).toArray()[0]?.qty;
      const count = this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM lines").one().n;
      if (existing === undefined && count >= MAX_LINES) {
        held.push(null);
        continue;
      }
      const qty = Math.max(existing ?? 0, Math.min(w.qty, MAX_QTY_PER_LINE));
      this.sql.exec(
        `INSERT INTO lines (listing_id, qty, seen_price, added_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT (listing_id) DO UPDATE SET qty = excluded.qty, seen_price = excluded.seen_price, updated_at = excluded.updated_at`,
        w.listingId,
        qty,
        w.seenPrice,
        now,
      );
      removeSaved(this.sql, [w.listingId]);
      held.push(qty);
    }
    await this.touch();
    return held;
  }

  /** Records that the shopper has now seen these prices (after a checkout reported a change). */
  async acknowledgePrices(prices: Array<{ listingId: string; price: number }>): Promise<void> {
    for (const p of prices) this.sql.exec("UPDATE lines SET seen_price = ? WHERE listing_id = ?", p.price, p.listingId);
    await this.touch();
  }

  /** Removes the given lines (after they became an order). */
  async removeLines(listingIds: string[]): Promise<void> {
    for (const id of listingIds) this.sql.exec("DELETE FROM lines WHERE listing_id = ?", id);
    await this.touch();
  }

  /**
   * Adds another cart's lines into this one (a guest cart at sign-in): quantities of a listing in
   * both are added up to the per-line cap, and the later-seen price wins. A line that would take
   * the cart past MAX_LINES is not added, and is answered as unmerged so its owner can keep it.
   * Each incoming line is merged once per version (`source`, listing, `updatedAt`): a merge retried
   * after a crash (before the merged lines left the guest cart) adds nothing twice, while a line
   * that did not fit is tried again by the next merge. Saved items are merged after the lines
   * (see `absorbSaved`), so one the guest saved that either cart holds as a line stays a line.
   */
  async absorb(source: string, incoming: CartLine[], incomingSaved: SavedItem[] = []): Promise<MergeResult> {
    const now = new Date().toISOString();
    const result: MergeResult = { merged: [], unmerged: [], capped: [], savedMerged: [], savedUnmerged: [] };
    for (const line of incoming) {
      const version = `${source}:${line.listingId}:${line.updatedAt}`;
      if (this.sql.exec("SELECT 1 FROM merges WHERE source = ?", version).toArray().length > 0) {
        result.merged.push(line.listingId);
        continue;
      }
      const count = this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM lines").one().n;
      const had = this.sql.exec<{ qty: number }>("SELECT qty FROM lines WHERE listing_id = ?", line.listingId).toArray()[0];
      const exists = had !== undefined;
      if ((had?.qty ?? 0) + line.qty > MAX_QTY_PER_LINE) result.capped.push(line.listingId);
      if (!exists && count >= MAX_LINES) {
        result.unmerged.push(line.listingId);
        continue;
      }
      this.sql.exec(
        `INSERT INTO lines (listing_id, qty, seen_price, added_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (listing_id) DO UPDATE SET qty = MIN(qty + excluded.qty, ?6),
           seen_price = CASE WHEN excluded.updated_at > updated_at THEN excluded.seen_price ELSE seen_price END,
           updated_at = MAX(updated_at, excluded.updated_at)`,
        line.listingId,
        Math.min(line.qty, MAX_QTY_PER_LINE),
        line.seenPrice,
        line.addedAt,
        line.updatedAt,
        MAX_QTY_PER_LINE,
      );
      removeSaved(this.sql, [line.listingId]);
      this.sql.exec("INSERT INTO merges (source, merged_at) VALUES (?, ?)", version, now);
      result.merged.push(line.listingId);
    }
    const saved = absorbSaved(this.sql, source, incomingSaved, MAX_QTY_PER_LINE, now);
    result.savedMerged = saved.merged;
    result.savedUnmerged = saved.unmerged;
    await this.touch();
    return result;
  }

  /** Empties the cart, lines and saved items. The tables stay so the live object keeps working. */
  async clear(): Promise<void> {
    this.sql.exec("DELETE FROM lines");
    this.sql.exec("DELETE FROM saved");
    await this.ctx.storage.deleteAlarm();
  }

  /**
   * The cart went untouched for CART_TTL_MS: its lines go. Saved items stay for the rest of
   * SAVED_TTL_MS, so the same alarm is set again for them, and its next run takes everything.
   * Alarms run at least once; deleting an already-empty cart again is harmless.
   */
  async alarm(): Promise<void> {
    const stage = this.sql.exec<{ value: number }>("SELECT value FROM meta WHERE key = 'expiry_stage'").toArray()[0]?.value;
    this.sql.exec("DELETE FROM lines");
    if (stage === EXPIRE_SAVED || this.saved().length === 0) return this.clear();
    this.setStage(EXPIRE_SAVED);
    await this.ctx.storage.setAlarm(Date.now() + SAVED_TTL_MS - CART_TTL_MS);
  }

  private setStage(stage: number): void {
    this.sql.exec("INSERT INTO meta (key, value) VALUES ('expiry_stage', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", stage);
  }

  // Every write starts the expiry over: the lines' timer while there are lines, else the saved list's.
  private async touch(): Promise<void> {
    const lines = this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM lines").one().n;
    const saved = this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM saved").one().n;
    if (lines > 0) {
      this.setStage(EXPIRE_LINES);
      await this.ctx.storage.setAlarm(Date.now() + CART_TTL_MS);
    } else if (saved > 0) {
      this.setStage(EXPIRE_SAVED);
      await this.ctx.storage.setAlarm(Date.now() + SAVED_TTL_MS);
    } else {
      await this.ctx.storage.deleteAlarm();
    }
  }
}
