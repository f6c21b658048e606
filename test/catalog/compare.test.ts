import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { specificationRows } from "../../workers/catalog/compare";
import { createListingFixture } from "../helpers/catalog";
import { api } from "../helpers/http";
import { createComparable, PHONES } from "./compare-fixtures";

interface Comparison {
  category: { id: string; name: string };
  products: { id: string; title: string; brand: string; image: string | null; buy_box: unknown; availability: string; rating: unknown }[];
  specifications: { name: string; values: (string | null)[]; same: boolean }[];
}

interface Problem {
  status: number;
  type: string;
  detail: string;
  errors?: { path: string; message: string }[];
  missing?: string[];
}

const compare = (ids: string) => api(`/api/compare?ids=${encodeURIComponent(ids)}`);

describe("GET /api/compare", () => {
  it("puts 2 to 4 products of one kind side by side, with each one's buy box and availability as its own page reports them", async () => {
    const { ids } = await createComparable(PHONES);
    const res = await compare(ids.join(","));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Comparison;
    expect(body.category.name).toBe("Mobile Phones");
    expect(body.products.map((p) => p.id)).toEqual(ids);
    for (const p of body.products) {
      const own = (await (await api(`/api/products/${p.id}`)).json()) as Record<string, unknown>;
      expect(p).toEqual({
        id: own.id,
        title: own.title,
        brand: own.brand,
        image: own.image,
        rating: own.rating,
        buy_box: own.buy_box,
        availability: own.availability,
        deal: own.deal,
      });
    }
    expect(body.products.map((p) => p.availability)).toEqual(["in_stock", "few_left", "sold_out"]);
    expect(JSON.stringify(body)).not.toMatch(/"(units|available)"/);

    // The ids repeated, as a client building a query from a list sends them, are the same list.
    const repeated = await api(`/api/compare?${ids.map((id) => `ids=${id}`).join("&")}`);
    expect(repeated.status).toBe(200);
    expect(((await repeated.json()) as Comparison).products.map((p) => p.id)).toEqual(ids);
  });

  it("has one row per attribute any of them has, null where one lacks it, and same only where all agree", async () => {
    const { ids } = await createComparable(PHONES);
    const body = (await (await compare(ids.join(","))).json()) as Comparison;
    expect(body.specifications).toEqual([
      { name: "brand", values: ["Testbrand", "Testbrand", "Otherbrand"], same: false },
      { name: "storage", values: ["128GB", "256GB", "128GB"], same: false },
      { name: "ram", values: ["8GB RAM", "8GB RAM", "8GB RAM"], same: true },
      { name: "colour", values: ["Black", "Blue", "Black"], same: false },
      { name: "network", values: ["5G", null, null], same: false },
      { name: "os", values: [null, null, "Android"], same: false },
    ]);
    // Two of them: the same rows, flagged for those two alone.
    const two = (await (await compare(`${ids[2]},${ids[0]}`)).json()) as Comparison;
    expect(two.specifications.find((r) => r.name === "storage")).toEqual({ name: "storage", values: ["128GB", "128GB"], same: true });
    expect(two.specifications.find((r) => r.name === "colour")?.same).toBe(true);
  });

  it("orders rows by where each attribute comes in the products, whichever order the ids were asked in", () => {
    const a = { brand: "X", storage: "128GB", colour: "Black" };
    const b = { brand: "Y", ram: "8GB", storage: "256GB", battery: "5000 mAh" };
    expect(specificationRows([a, b]).map((r) => r.name)).toEqual(["brand", "ram", "storage", "colour", "battery"]);
    expect(specificationRows([b, a]).map((r) => r.name)).toEqual(["brand", "ram", "storage", "colour", "battery"]);
  });

  it("is served with the product API's cache headers, an ETag and 304 for a copy the client has", async () => {
    const { ids } = await createComparable(PHONES.slice(0, 2));
    const res = await compare(ids.join(","));
    expect(res.headers.get("cache-control")).toBe("public, max-age=5, stale-while-revalidate=30");
    const etag = res.headers.get("etag");
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    await res.arrayBuffer();
    const again = await api(`/api/compare?ids=${ids.join(",")}`, { headers: { "if-none-match": etag ?? "" } });
    expect(again.status).toBe(304);
  });

  it("reads the products' cached pages rather than D1, so it costs what reading their pages costs", async () => {
    const { ids } = await createComparable(PHONES.slice(0, 2));
    for (const id of ids) await (await api(`/api/products/${id}`)).arrayBuffer();
    // Written behind the catalog's back (no version, no purge): only a read of D1 would see it.
    await env.DB.prepare("UPDATE products SET title = 'Rewritten in D1' WHERE id = ?").bind(ids[0]).run();
    const res = await compare(ids.join(","));
    expect(res.headers.get("x-cache")).toBe("hit");
    const body = (await res.json()) as Comparison;
    expect(body.products[0]?.title).toBe(PHONES[0]?.title);
  });

  it.each([
    ["one id", (ids: string[]) => ids[0]!, /2 to 4 product ids.*\(1 given\)/],
    ["five ids", (ids: string[]) => [...ids, "prd_x1", "prd_x2"].join(","), /2 to 4 product ids.*\(5 given\)/],
    ["nothing", () => "", /2 to 4 product ids/],
    ["a repeated id", (ids: string[]) => `${ids[0]},${ids[1]},${ids[0]}`, /is listed twice/],
    ["a malformed id", (ids: string[]) => `${ids[0]},prd_<script>`, /"prd_<script>" is not a product id/],
    ["an empty id", (ids: string[]) => `${ids[0]},,${ids[1]}`, /an empty id is not a product id/],
  ])("refuses %s with a 400 naming ids", async (_, make, message) => {
    const { ids } = await createComparable(PHONES);
    const res = await compare(make(ids));
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await res.json()) as Problem;
    expect(problem.type).toBe("/problems/validation-failed");
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors?.[0]?.path).toBe("ids");
    expect(problem.errors?.[0]?.message).toMatch(message);
  });

  it("refuses a missing ids, and any other parameter, naming them", async () => {
    const res = await api("/api/compare");
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).errors?.map((e) => e.path)).toEqual(["ids"]);
    const extra = await api("/api/compare?ids=prd_a,prd_b&sort=price");
    expect(extra.status).toBe(400);
  });

  it("answers 404 naming a product that does not exist", async () => {
    const { ids } = await createComparable(PHONES.slice(0, 2));
    const res = await compare(`${ids[0]},prd_nosuchthing,${ids[1]}`);
    expect(res.status).toBe(404);
    const problem = (await res.json()) as Problem;
    expect(problem.missing).toEqual(["prd_nosuchthing"]);
    expect(problem.detail).toContain("prd_nosuchthing");
    expect(problem.errors).toEqual([{ path: "ids", message: "No product with id prd_nosuchthing" }]);
  });

  it("refuses products of different kinds with a 400 saying which", async () => {
    const { ids } = await createComparable(PHONES.slice(0, 2));
    const tv = await createListingFixture({ title: "Bigscreen 55 (4K)" });
    await env.DB.prepare("UPDATE categories SET name = 'Televisions' WHERE id = ?").bind(tv.categoryId).run();
    const res = await compare(`${ids[0]},${tv.productId}`);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.detail).toBe(`Compare products of one kind: ${ids[0]} is in Mobile Phones, ${tv.productId} is in Televisions.`);
    expect(problem.errors).toEqual([{ path: "ids", message: "Products of different kinds: Mobile Phones and Televisions" }]);
  });
});
