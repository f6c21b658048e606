import { describe, expect, it } from "vitest";
import { failedFieldsDetail } from "../../workers/platform/failed-fields";
import { onePerField } from "../../workers/platform/router";
import { newId } from "../../workers/platform/ids";
import { createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { api } from "../helpers/http";
import { loadOperations } from "./openapi-routes";

describe("onePerField", () => {
  it("tells each field once, in the schema's own words over zod's", () => {
    expect(
      onePerField([
        { path: "name", message: "Too small: expected string to have >=1 characters" },
        { path: "qty", message: "Too big: expected number to be <=10" },
        { path: "name", message: "Name the courier." },
        { path: "qty", message: "Invalid input: expected int, received number" },
      ]),
    ).toEqual([
      { path: "name", message: "Name the courier." },
      { path: "qty", message: "Too big: expected number to be <=10" },
    ]);
  });

  it("keeps the first of two messages in a schema's words, and every field", () => {
    expect(
      onePerField([
        { path: "a", message: "Enter a 6-digit PIN code" },
        { path: "a", message: "Name the courier." },
        { path: "b", message: "Not a field this request takes" },
      ]),
    ).toEqual([
      { path: "a", message: "Enter a 6-digit PIN code" },
      { path: "b", message: "Not a field this request takes" },
    ]);
  });
});

describe("a validation problem's detail", () => {
  type Problem = { detail: string; errors: { path: string; message: string }[] };

  it("names the one failing field and what is wrong with it", async () => {
    const res = await api("/api/products?limit=0");
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problem;
    expect(body.errors).toEqual([{ path: "limit", message: "At least 1" }]);
    expect(body.detail).toBe("limit: at least 1.");
  });

  it("names every failing field in a sentence, the messages left to `errors`", async () => {
    const body = (await (await api("/api/products?limit=0&sort=cheapest&rating_min=9")).json()) as Problem;
    expect(body.errors.map((e) => e.path)).toEqual(["rating_min", "sort", "limit"]);
    expect(body.detail).toBe("3 fields failed validation: rating_min, sort and limit.");
  });

  it("reads as a sentence for two fields, for the input itself, and keeps an acronym's capitals", () => {
    expect(
      failedFieldsDetail([
        { path: "a", message: "Required" },
        { path: "b", message: "Required" },
      ]),
    ).toBe("2 fields failed validation: a and b.");
    expect(failedFieldsDetail([{ path: "(root)", message: "An object of named fields" }])).toBe("The input: an object of named fields.");
    expect(failedFieldsDetail([{ path: "pincode", message: "PIN code of 6 digits" }])).toBe("pincode: PIN code of 6 digits.");
    expect(failedFieldsDetail([{ path: "units", message: "Check the number received." }])).toBe("units: check the number received.");
  });
});

describe("an unknown query parameter", () => {
  it("is refused by every GET the document lists, naming it, whether or not the operation takes parameters", async () => {
    const sellerId = newId("sel");
    const everyone = await createTestUser(["shopper", "seller", "deal_manager", "ops"], { sellerId });
    const gets = (await loadOperations()).filter((o) => o.method === "GET" && o.path.startsWith("/api/"));
    expect(gets.length).toBeGreaterThan(50);
    const ignored: string[] = [];
    for (const op of gets) {
      const path = op.path.replace(/\{[^}]+\}/g, "x_none");
      const res = await api(`${path}?zz_unknown=1`, { headers: everyone.headers });
      const body = res.status === 400 ? ((await res.json()) as { errors?: { path: string }[] }) : null;
      if (!body?.errors?.some((e) => e.path === "zz_unknown")) ignored.push(`${op.path}: ${res.status}`);
    }
    expect(ignored).toEqual([]);
  });

  it("is refused on a product page the edge holds in memory, as the app refuses it", async () => {
    const f = await createListingFixture();
    for (let i = 0; i < 3; i++) expect((await api(`/api/products/${f.productId}`)).status).toBe(200);
    const res = await api(`/api/products/${f.productId}?utm_source=mail`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toBe("utm_source: not a field this request takes.");
  });
});
