import type { Leaf } from "../../scripts/catalog/taxonomy.mjs";

/** The attribute dimensions a model line's products have: its kind's (a desktop among the monitors) or its leaf's. */
export function lineDims(
  leaf: Leaf,
  only: Leaf["lines"][number][4],
): { dims: Record<string, string[]>; priceBy?: Record<string, number[]> } {
  const kind = only?.kind ? leaf.kinds?.[only.kind] : undefined;
  return kind ?? { dims: leaf.dims, priceBy: leaf.priceBy };
}

/** A leaf's sets of dimensions, each with the models ("Brand Model") whose products have them. */
export function dimensionSets(leaf: Leaf): { dims: Record<string, string[]>; priceBy?: Record<string, number[]>; models: Set<string> }[] {
  const sets = new Map<
    Record<string, string[]>,
    { dims: Record<string, string[]>; priceBy?: Record<string, number[]>; models: Set<string> }
  >();
  for (const [brand, model, , , only] of leaf.lines) {
    const { dims, priceBy } = lineDims(leaf, only);
    const set = sets.get(dims) ?? { dims, priceBy, models: new Set<string>() };
    set.models.add(`${brand} ${model}`);
    sets.set(dims, set);
  }
  return [...sets.values()];
}
