/** A product `ensureDemoWishlist` saved. */
export interface DemoSaved {
  product_id: string;
  title: string;
}

export function ensureDemoWishlist(
  base: string,
  options?: { productIds?: string[]; shopper?: { email: string; password: string }; log?: (line: string) => void },
): Promise<DemoSaved[]>;
