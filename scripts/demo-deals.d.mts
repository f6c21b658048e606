/** A demo deal `ensureDemoDeals` made. */
export interface DemoDeal {
  id: string;
  product_id: string;
  title: string;
  starts_at: string;
}

export function demoDealPrice(paise: number): number;

export function ensureDemoDeals(
  base: string,
  options?: { now?: number; log?: (line: string) => void; token?: string },
): Promise<DemoDeal[]>;
