/** An account the demo orders are placed or moved along as. */
export interface DemoAccount {
  email: string;
  password: string;
}

/** A demo order `ensureDemoOrders` made, with where ops left it. */
export interface DemoOrder {
  id: string;
  status: "confirmed" | "packed" | "shipped" | "delivered";
  payment_method: "upi" | "card" | "netbanking" | "cod";
  /** Paise. */
  total: number;
  items: { listing_id: string; product_id: string; title: string; qty: number; seller_id: string }[];
}

export function ensureDemoOrders(
  base: string,
  options?: { shopper?: DemoAccount; ops?: DemoAccount; sagaTimeoutMs?: number; log?: (line: string) => void },
): Promise<DemoOrder[]>;
