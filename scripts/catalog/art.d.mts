/** Types for art.mjs, so TypeScript tests can check which illustration each product gets. */
export const LEAF_SHAPES: Record<string, string>;
export const SHAPE_BY_ATTRIBUTE: Record<string, { dim: string; shapes: Record<string, string> }>;
export const COLOUR_DIMS: string[];
export const NEUTRAL_COLOUR: string;
export function colourSlug(name: string): string;
export function shapeFor(leafSlug: string, attributes: Record<string, string>, lineShape?: string): string;
export function productImage(leafSlug: string, attributes: Record<string, string>, lineShape?: string): string;
