/**
 * The family key: what makes products variants of one model, so a product page can offer the
 * model's other colours and sizes. Listing titles name the model, then the variant in closing
 * brackets ("Samsung Galaxy M34 5G (Midnight Blue, 128GB)", as `splitTitle` on the pages reads
 * them), so products of one brand and leaf category whose titles agree before those brackets are
 * one family.
 *
 * This function is the rule. The seed's SQL (scripts/catalog/sql.mjs) and the backfill in
 * migration 0057 write the same rule in SQL, which is why it trims and lowercases as SQLite's
 * trim() and lower() do (spaces only, ASCII only); test/catalog/family.test.ts keeps them equal.
 */
export function familyKey(product: { categoryId: string; brand: string; title: string }): string {
  return `${product.categoryId}|${lowerAscii(trimSpaces(product.brand))}|${lowerAscii(familyName(product.title))}`;
}

/**
 * A title without its variant: the text before a last bracketed part that ends it, holds no
 * brackets of its own and is not blank ("Echo Dot (5th Gen) Speaker (Black)" is "Echo Dot (5th
 * Gen) Speaker"). Any other title is a model of its own and is returned whole, trimmed.
 */
export function familyName(title: string): string {
  const t = trimSpaces(title);
  const open = t.lastIndexOf("(");
  if (open < 0 || !t.endsWith(")")) return t;
  const variant = t.slice(open + 1, -1);
  const name = t.slice(0, open).replace(/ +$/, "");
  if (variant.includes(")") || trimSpaces(variant) === "" || name === "") return t;
  return name;
}

const trimSpaces = (s: string) => s.replace(/^ +| +$/g, "");

const lowerAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
