import { api } from "../helpers/http";

/** One order of `GET /api/seller/orders` as the tests read it. */
export interface SellerOrder {
  id: string;
  status: string;
  created_at: string;
  items: Array<{ listing_id: string; title: string; qty: number; unit_price: number; mrp: number }>;
  subtotal: number;
  currency: string;
  ship_to: Record<string, string>;
  invoice: { id: string; number: string } | null;
  credit_note: { id: string; number: string } | null;
  hand_over_by: string | null;
  late: boolean;
}

export interface SellerPage {
  items: SellerOrder[];
  next_cursor: string | null;
}

/** A page of the seller's orders at `path`, failing the test on anything but a 200. */
export async function sellerPage(path: string, headers: Record<string, string>): Promise<SellerPage> {
  const res = await api(path, { headers });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as SellerPage;
}
