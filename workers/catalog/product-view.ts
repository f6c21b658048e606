import { type Availability, availabilityOf } from "./availability";
import { ratingAverage } from "./rating-average";
import { chooseBuyBox } from "./buy-box";
import { shopperPrice } from "../deals/deal-price";
import { FAMILY_READ_LIMIT, type FamilyMember, type VariantDimension, variantChoices } from "./variants";
import { type QuestionRow, shownQuestionStatements, withAnswers } from "../questions/read";
import type { Question } from "../questions/schemas";

/** How many of its newest answered questions a product page shows before "All N questions". */
export const QUESTIONS_ON_PRODUCT_PAGE = 3;

/** One seller's offer on a product page. Money is integer paise. */
export interface Offer {
  listing_id: string;
  seller: { id: string; name: string; city: string; rating: number };
  price: number;
  mrp: number;
  currency: "INR";
  availability: Availability;
}

/** A flash deal on one of the product's listings, at the price a shopper would pay. */
export interface DealSummary {
  id: string;
  listing_id: string;
  deal_price: number;
  currency: "INR";
  status: string;
  starts_at: string;
  ends_at: string;
}

/** The product page as the API and the HTML pages show it. */
export interface ProductView {
  id: string;
  title: string;
  brand: string;
  description: string;
  image: string | null;
  category: { id: string; slug: string; name: string; ancestors: { slug: string; name: string }[] };
  attributes: Record<string, string>;
  /** The model's other variants to switch to, per dimension they differ in; empty for a product without any. */
  variants: VariantDimension[];
  rating: { average: number | null; count: number };
  /** Its answered questions: how many, and the newest few with their answers, kept in the projection. */
  questions: { count: number; newest: Question[] };
  offers: Offer[];
  buy_box: Offer | null;
  availability: Availability;
  deal: DealSummary | null;
  version: number;
  updated_at: string;
}

/**
 * The KV projection of one product: everything the page needs, versioned by the product's
 * `version` (bumped by every listing or stock change), plus the deals that may go live, so the
 * live deal is chosen at render time rather than frozen into the document.
 */
export interface ProductDoc {
  schema: 1;
  version: number;
  built_at: string;
  view: Omit<ProductView, "deal">;
  deals: DealSummary[];
}

/**
 * The first members of a product's family, `?2` at most: one walk of products_family_idx, which
 * covers the columns read. A product without a family (NULL) matches nothing.
 */
export const FAMILY_SQL = `SELECT m.id, m.attributes FROM products p JOIN products m ON m.family = p.family
  WHERE p.id = ?1 ORDER BY m.id LIMIT ?2`;

/**
 * The same members as one row, `members` a JSON array of `[id, attributes]` pairs. A family of a
 * hundred is a hundred rows otherwise, each carried and decoded on its own, and that was a large
 * share of what building an uncached page cost; as one value it is a single string to parse.
 * Attributes stay text, so a malformed column spoils only its own member, as before.
 */
export const FAMILY_MEMBERS_SQL = `SELECT json_group_array(json_array(id, attributes)) AS members FROM (${FAMILY_SQL})`;

/** The family members of `FAMILY_MEMBERS_SQL`'s row, in id order. */
function familyMembers(row: { members?: unknown } | undefined): FamilyMember[] {
  if (typeof row?.members !== "string") return [];
  const pairs = JSON.parse(row.members) as [string, string][];
  // An aggregate's input order is SQLite's choice, not a promise, so the id order is made here.
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.map(([id, attributes]) => ({ id, attributes: parseAttributes(attributes) }));
}

interface ProductRow {
  id: string;
  title: string;
  brand: string;
  description: string;
  image: string | null;
  attributes: string;
  rating_sum: number;
  rating_count: number;
  answered_questions: number;
  version: number;
  updated_at: string;
  category_id: string;
  category_slug: string;
  category_name: string;
  category_path: string;
}

interface DealRow extends Omit<DealSummary, "currency"> {
  listing_price: number;
}

interface OfferRow {
  listing_id: string;
  price: number;
  mrp: number;
  seller_id: string;
  seller_name: string;
  seller_city: string;
  seller_rating: number;
  units: number;
}

function parseAttributes(raw: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    }
  } catch {
    // A malformed attributes column shows as no attributes rather than failing the page.
  }
  return {};
}

/**
 * Reads one product's page from D1 in a single batch (one round trip): the product with its
 * category, its active offers with sellable units, the category's ancestors, the deals that
 * are live or scheduled, the first members of its family for the variant picker, and its newest
 * answered questions with their answers (a few rows of two indexes, so the page needs no read of
 * its own). The buy box is chosen here from the offers' live stock. Null when the product does not exist.
 */
export async function buildProductDoc(d1: D1Database, id: string, now: string): Promise<ProductDoc | null> {
  const [productRes, offerRes, ancestorRes, dealRes, familyRes, questionRes, answerRes] = await d1.batch([
    d1
      .prepare(
        `SELECT p.id, p.title, p.brand, p.description, p.image, p.attributes, p.rating_sum, p.rating_count, p.answered_questions,
                p.version, p.updated_at, c.id AS category_id, c.slug AS category_slug, c.name AS category_name, c.path AS category_path
         FROM products p JOIN categories c ON c.id = p.category_id WHERE p.id = ?1`,
      )
      .bind(id),
    d1
      .prepare(
        `SELECT l.id AS listing_id, l.price, l.mrp, s.id AS seller_id, s.name AS seller_name, s.city AS seller_city,
                s.rating_x10 AS seller_rating, COALESCE((SELECT SUM(i.available) FROM inventory i WHERE i.sku_id = l.id), 0) AS units
         FROM listings l JOIN sellers s ON s.id = l.seller_id
         WHERE l.product_id = ?1 AND l.active = 1
         ORDER BY l.price ASC, l.id ASC`,
      )
      .bind(id),
    // A prefix match rather than LIKE: D1 caps LIKE patterns at 50 bytes, shorter than deep paths.
    d1
      .prepare(
        `SELECT a.slug, a.name FROM products p JOIN categories c ON c.id = p.category_id
         JOIN categories a ON substr(c.path, 1, length(a.path)) = a.path AND a.id != c.id
         WHERE p.id = ?1 ORDER BY a.depth`,
      )
      .bind(id),
    d1
      .prepare(
        `SELECT d.id, d.listing_id, d.deal_price, l.price AS listing_price, d.status, d.starts_at, d.ends_at
         FROM deals d JOIN listings l ON l.id = d.listing_id
         WHERE d.product_id = ?1 AND d.status IN ('scheduled', 'live', 'paused') AND d.ends_at > ?2 ORDER BY d.starts_at`,
      )
      .bind(id, now),
    d1.prepare(FAMILY_MEMBERS_SQL).bind(id, FAMILY_READ_LIMIT),
    ...shownQuestionStatements(d1, id, QUESTIONS_ON_PRODUCT_PAGE),
  ]);
  const p = (productRes?.results as ProductRow[] | undefined)?.[0];
  if (!p) return null;
  const offers: Offer[] = ((offerRes?.results ?? []) as OfferRow[]).map((o) => ({
    listing_id: o.listing_id,
    seller: { id: o.seller_id, name: o.seller_name, city: o.seller_city, rating: o.seller_rating / 10 },
    price: o.price,
    mrp: o.mrp,
    currency: "INR",
    availability: availabilityOf(o.units),
  }));
  const buyBox = chooseBuyBox(offers);
  const attributes = parseAttributes(p.attributes);
  const family = familyMembers(familyRes?.results?.[0] as { members?: unknown } | undefined);
  const deals = ((dealRes?.results ?? []) as DealRow[]).map(
    ({ listing_price, ...d }): DealSummary => ({ ...d, deal_price: shopperPrice(listing_price, d.deal_price), currency: "INR" }),
  );
  return {
    schema: 1,
    version: p.version,
    built_at: now,
    deals,
    view: {
      id: p.id,
      title: p.title,
      brand: p.brand,
      description: p.description,
      image: p.image,
      category: {
        id: p.category_id,
        slug: p.category_slug,
        name: p.category_name,
        ancestors: (ancestorRes?.results ?? []) as { slug: string; name: string }[],
      },
      attributes,
      variants: variantChoices({ id: p.id, attributes }, family),
      rating: {
        // One decimal, never rounded up, as every page's stars read it (and as search's average reads on a
        // card): a product at 4.39 is 4.3 on its card and on its page alike. The lift keeps 43/10 at 4.3.
        average: ratingAverage(p.rating_sum, p.rating_count),
        count: p.rating_count,
      },
      questions: {
        count: p.answered_questions,
        newest: withAnswers((questionRes?.results ?? []) as QuestionRow[], answerRes?.results),
      },
      offers,
      buy_box: buyBox,
      availability: buyBox ? buyBox.availability : "sold_out",
      version: p.version,
      updated_at: p.updated_at,
    },
  };
}

/**
 * The deal live at `now`, if any. A scheduled deal counts once its window has opened: the cron
 * that marks it live runs up to a minute late, and a projection built before the start still
 * holds it as scheduled, so waiting for either would hide the deal from the first shoppers. A
 * paused deal in its window is the one too, shown paused: its listing is sold through it still.
 */
export function liveDeal(deals: DealSummary[], now: string): DealSummary | null {
  const open = deals.find((d) => ["live", "scheduled", "paused"].includes(d.status) && d.starts_at <= now && now < d.ends_at);
  if (!open) return null;
  return { ...open, status: open.status === "paused" ? "paused" : "live" };
}

/**
 * When the page rendered at `nowMs` next changes by itself: the earliest start or end of its
 * deals still ahead (epoch ms), or null when none is. No write announces these moments.
 */
export function nextDealChange(deals: DealSummary[], nowMs: number): number | null {
  let next: number | null = null;
  for (const d of deals) {
    for (const at of [Date.parse(d.starts_at), Date.parse(d.ends_at)]) {
      if (at > nowMs && (next === null || at < next)) next = at;
    }
  }
  return next;
}

/** The product page at `now`, from its projection document. */
export function renderProductView(doc: ProductDoc, now: string): ProductView {
  // A document written before the picker (or questions) existed has none until its maximum age rebuilds it.
  return {
    ...doc.view,
    variants: doc.view.variants ?? [],
    questions: doc.view.questions ?? { count: 0, newest: [] },
    deal: liveDeal(doc.deals, now),
  };
}
