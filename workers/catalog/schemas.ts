import { z } from "@hono/zod-openapi";
import { QuestionSchema } from "../questions/question-schema";

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
    status: z.string(),
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
