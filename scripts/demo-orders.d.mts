/** An account the demo orders are placed or moved along as. */
export interface DemoAccount {
  email: string;
  password: string;
}

/** A demo order `ensureDemoOrders` made, with where ops left it. */
export interface DemoOrder {
  id: string;
  status: "confirmed" | "packed" | "shipped" | "delivered" | "return_requested";
  payment_method: "upi" | "card" | "netbanking" | "cod";
  /** Paise. */
  total: number;
  items: { listing_id: string; product_id: string; title: string; qty: number; seller_id: string }[];
  /** The return its shopper asked for once it was delivered, if any. */
  return_request?: { reason: string; note: string };
  /** What its shopper asked ops for help with, as the order page's help form sends it. */
  help_request?: { topic: string; message: string };
  /** The seller its shopper rated once it was delivered, if any, and the stars given. */
  seller_rating?: { seller_id: string; rating: number };
  /** Its tax invoices, one per seller, issued when it shipped; none before. */
  invoices: { id: string; number: string; seller: string }[];
}

export function ensureDemoOrders(
  base: string,
  options?: { shopper?: DemoAccount; ops?: DemoAccount; sagaTimeoutMs?: number; log?: (line: string) => void },
): Promise<DemoOrder[]>;

/** One line per demo order, as `npm run dev` prints them: its page, how far it got, what it holds and its invoices. */
export function demoOrderSummary(base: string, made: DemoOrder[]): string[];
