import { z } from "@hono/zod-openapi";
import { QuestionSchema } from "../questions/question-schema";
import { COMPARE_MAX, COMPARE_MIN } from "./compare";

/** A catalog id in a path: letters, digits, `_` and `-`, as every generated id is. */
export const CatalogId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Must be a catalog id (letters, digits, _ and -)");

/** Path parameters of GET /api/products/{id}. */
export const ProductParams = z.object({
  id: CatalogId.openapi({ param: { name: "id", in: "path" }, example: "prd_0000001" }),
});

const Availability = z.enum(["in_stock", "few_left", "sold_out"]).openapi({ description: "Never the exact count" });

const Offer = z
  .object({
    listing_id: z.string(),
    seller: z.object({ id: z.string(), name: z.string(), city: z.string(), rating: z.number() }),
    price: z.int().openapi({ description: "Paise", example: 129900 }),
    mrp: z.int().openapi({ description: "Paise" }),
    currency: z.literal("INR"),
    availability: Availability,
  })
  .openapi("Offer");

const Deal = z
  .object({
    id: z.string(),
    listing_id: z.string(),
    deal_price: z.int(),
    currency: z.literal("INR"),
    status: z.string().openapi({
      description: "`live`, or `paused`: its sales are held for a moment, and its listing is still sold only through it",
    }),
    starts_at: z.string().openapi({ format: "date-time" }),
    ends_at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("LiveDeal");

const VariantDimension = z
  .object({
    name: z.string().openapi({ description: "The attribute the variants differ in", example: "colour" }),
    options: z.array(
      z.object({
        value: z.string().openapi({ example: "Midnight Blue" }),
        product_id: z.string().openapi({ description: "The variant with this value closest to this product in its other attributes" }),
        current: z.boolean().openapi({ description: "This product's own value" }),
      }),
    ),
  })
  .openapi("VariantDimension");

/** The product page document. */
export const ProductViewSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    brand: z.string(),
    description: z.string(),
    image: z.string().nullable(),
    category: z.object({
      id: z.string(),
      slug: z.string(),
      name: z.string(),
      ancestors: z.array(z.object({ slug: z.string(), name: z.string() })),
    }),
    attributes: z.record(z.string(), z.string()),
    variants: z.array(VariantDimension).openapi({
      description:
        "The model's other variants (same brand, category and title before its bracketed variant), per attribute they differ in, sizes smallest first. No price or stock: the linked product's page has its own",
    }),
    rating: z.object({ average: z.number().nullable(), count: z.int() }),
    questions: z
      .object({ count: z.int(), newest: z.array(QuestionSchema) })
      .openapi({ description: "How many of its questions are answered, and the newest few answered ones with their answers" }),
    offers: z.array(Offer),
    buy_box: Offer.nullable().openapi({ description: "The best active offer: in stock first, then lowest price, then better seller" }),
    availability: Availability,
    deal: Deal.nullable(),
    version: z.int(),
    updated_at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Product");

/**
 * The `ids` of GET /api/compare: 2 to 4 distinct catalog ids, comma-separated, decoded during
 * validation so every way it can be wrong is a 400 naming `ids` like any other bad field.
 */
const CompareIds = z
  .string()
  .max(COMPARE_MAX * 65, { message: `list ${COMPARE_MIN} to ${COMPARE_MAX} product ids, separated by commas`, abort: true })
  .transform((typed, ctx) => {
    const ids = typed.split(",").map((id) => id.trim());
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", message, continue: false });
      return z.NEVER;
    };
    if (ids.length < COMPARE_MIN || ids.length > COMPARE_MAX) {
      return fail(`list ${COMPARE_MIN} to ${COMPARE_MAX} product ids, separated by commas (${typed.trim() === "" ? 0 : ids.length} given)`);
    }
    const malformed = ids.find((id) => !CatalogId.safeParse(id).success);
    if (malformed !== undefined) return fail(`${malformed === "" ? "an empty id" : JSON.stringify(malformed)} is not a product id`);
    const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
    if (repeated !== undefined) return fail(`${repeated} is listed twice`);
    return ids;
  })
  .openapi({
    type: "string",
    maxLength: COMPARE_MAX * 65,
    description: `${COMPARE_MIN} to ${COMPARE_MAX} distinct product ids of one leaf category, comma-separated; the columns come in this order`,
    example: "prd_0000001,prd_0000002",
  });

/** Query of GET /api/compare. `ids` repeated (`?ids=a&ids=b`), as other list filters may be, is read as one list. */
export const CompareQuery = z
  .object({ ids: z.preprocess((typed) => (Array.isArray(typed) ? typed.join(",") : typed), CompareIds) })
  .strict();

/** GET /api/compare: products side by side, with their specifications as rows. */
export const ComparisonSchema = z
  .object({
    category: z
      .object({ id: z.string(), slug: z.string(), name: z.string() })
      .openapi({ description: "The leaf category all of them are in" }),
    products: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        brand: z.string(),
        image: z.string().nullable(),
        rating: z.object({ average: z.number().nullable(), count: z.int() }),
        buy_box: Offer.nullable().openapi({ description: "As GET /api/products/{id} reports it" }),
        availability: Availability,
        deal: Deal.nullable(),
      }),
    ),
    specifications: z
      .array(
        z.object({
          name: z.string().openapi({ example: "storage" }),
          values: z
            .array(z.string().nullable())
            .openapi({ description: "One per product, in the products' order; null where it lacks the attribute" }),
          same: z.boolean().openapi({ description: "Every product has it, with the same value" }),
        }),
      )
      .openapi({ description: "The union of the products' attributes, each where it comes earliest in any of them" }),
  })
  .openapi("Comparison");

type CategoryNodeShape = { id: string; slug: string; name: string; path: string; children: CategoryNodeShape[] };

// Registered by name so the OpenAPI generator emits a $ref instead of recursing forever.
const CategoryNode: z.ZodType<CategoryNodeShape> = z
  .lazy(() => z.object({ id: z.string(), slug: z.string(), name: z.string(), path: z.string(), children: z.array(CategoryNode) }))
  .openapi("CategoryNode");

/** The category tree document. */
export const CategoryTreeSchema = z.object({ categories: z.array(CategoryNode) }).openapi("CategoryTree");

/** Problem-details response entry for the OpenAPI document. */
export const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: z.object({}).passthrough() } },
});
