/** Types for the part of taxonomy.mjs tests read: the leaf categories products are generated from. */
export interface Leaf {
  slug: string;
  name: string;
  parent: string;
  price: [number, number];
  titleDims: number;
  lines: [brand: string, model: string, lo?: number, hi?: number, only?: LineOnly, shape?: string][];
  /** The long tail a catalog past the demo's size is made from, lines as in `lines`. */
  tail?: [brand: string, model: string, lo?: number, hi?: number, only?: LineOnly, shape?: string][];
  dims: Record<string, string[]>;
  priceBy?: Record<string, number[]>;
  /** Kinds of product a line may be other than the leaf's own, each with its own dimensions. */
  kinds?: Record<string, { dims: Record<string, string[]>; priceBy?: Record<string, number[]> }>;
}

/** What a model line narrows: values per dimension, its kind, the combinations it was sold in, and what all its products share. */
export interface LineOnly {
  kind?: string;
  configs?: Record<string, string>[];
  fixed?: Record<string, string>;
  [dim: string]: string[] | string | Record<string, string>[] | Record<string, string> | undefined;
}

export const LEAVES: Leaf[];

/** GST in percent per category slug: [rate] or [rate, rate above the per-piece band]. */
export const GST_RATES: Record<string, [number] | [number, number]>;

/** The six-digit HSN code per leaf category slug. */
export const HSN_CODES: Record<string, string>;
export const LINE_HSN_CODES: Record<string, Record<string, string>>;
