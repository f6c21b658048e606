/** Types for the part of taxonomy.mjs tests read: the leaf categories products are generated from. */
export interface Leaf {
  slug: string;
  name: string;
  parent: string;
  price: [number, number];
  titleDims: number;
  lines: [brand: string, model: string, lo?: number, hi?: number, only?: Record<string, string[]>, shape?: string][];
  dims: Record<string, string[]>;
  priceBy?: Record<string, number[]>;
}

export const LEAVES: Leaf[];

/** GST in percent per category slug: [rate] or [rate, rate above the per-piece band]. */
export const GST_RATES: Record<string, [number] | [number, number]>;

/** The six-digit HSN code per leaf category slug. */
export const HSN_CODES: Record<string, string>;
