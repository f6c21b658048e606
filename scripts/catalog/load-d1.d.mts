/** Types for load-d1.mjs, so TypeScript tests can seed a D1 binding with the generator. */
export interface D1Like {
  prepare(sql: string): unknown;
  batch(statements: unknown[]): Promise<unknown>;
}

/** Seeds `products` generated products (plus categories, warehouses, sellers and demo accounts). */
export function loadCatalogIntoD1(
  d1: D1Like,
  options: { products: number; seed?: number; chunk?: number; demoAccounts?: boolean; onProgress?: (done: number) => void },
): Promise<void>;
