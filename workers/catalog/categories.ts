import type { Background } from "../platform/background";
import { type CachePolicy, type CachedDoc, cachedDocument } from "./edge-cache";

/** One node of the category tree. */
export interface CategoryNode {
  id: string;
  slug: string;
  name: string;
  path: string;
  children: CategoryNode[];
}

/** The tree changes rarely (by migration or admin work), so it is cached for minutes. */
export const CATEGORY_CACHE: CachePolicy = { freshSeconds: 300, staleSeconds: 3600, absentSeconds: 60 };

interface CategoryRow {
  id: string;
  slug: string;
  name: string;
  parent_id: string | null;
  path: string;
}

/** Builds the tree from flat rows ordered by depth then position; orphans are dropped. */
export function buildCategoryTree(rows: CategoryRow[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>();
  const roots: CategoryNode[] = [];
  for (const r of rows) {
    const node: CategoryNode = { id: r.id, slug: r.slug, name: r.name, path: r.path, children: [] };
    nodes.set(r.id, node);
    if (r.parent_id === null) roots.push(node);
    else nodes.get(r.parent_id)?.children.push(node);
  }
  return roots;
}

/** Reads the whole category tree from D1. */
export async function loadCategoryTree(d1: D1Database): Promise<CategoryNode[]> {
  const { results } = await d1
    .prepare("SELECT id, slug, name, parent_id, path FROM categories ORDER BY depth, position, name")
    .all<CategoryRow>();
  return buildCategoryTree(results);
}

/** The category tree as JSON through the Cache API. */
export async function cachedCategoryTree(env: Env, ctx: Background): Promise<CachedDoc> {
  const doc = await cachedDocument(ctx, "/v1/categories", CATEGORY_CACHE, async () =>
    JSON.stringify({ categories: await loadCategoryTree(env.DB) }),
  );
  // The loader never answers "absent", so a document always comes back.
  return doc ?? { body: '{"categories":[]}', etag: '"empty"', state: "miss" };
}
