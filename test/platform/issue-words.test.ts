import { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { issueWords } from "../../workers/platform/issue-words";
import { api } from "../helpers/http";
import { createTestUser } from "../helpers/accounts";

const wordsFor = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected a failure");
  return parsed.error.issues.map(issueWords);
};

describe("validation failures in plain words", () => {
  it("words zod's default failures as what the field takes", () => {
    expect(wordsFor(z.number().int().max(10), 11)).toEqual(["At most 10"]);
    expect(wordsFor(z.number().int(), 1.5)).toEqual(["A whole number"]);
    expect(wordsFor(z.number().int().max(10), 1e308)[0]).toBe("Far too large a number");
    expect(wordsFor(z.number(), "2")).toEqual(["A number"]);
    expect(wordsFor(z.object({ qty: z.number() }), {})).toEqual(["Required"]);
    expect(wordsFor(z.string().min(1), "")).toEqual(["Required; it cannot be empty"]);
    expect(wordsFor(z.string().max(200), "x".repeat(201))).toEqual(["At most 200 characters"]);
    expect(wordsFor(z.string().min(2), "x")).toEqual(["At least 2 characters"]);
    expect(wordsFor(z.array(z.string()).min(1), [])).toEqual(["Name at least one"]);
    expect(wordsFor(z.number().positive(), 0)).toEqual(["More than 0"]);
    expect(wordsFor(z.enum(["relevance", "price_asc"]), "bogus")).toEqual(['One of: "relevance", "price_asc"']);
    expect(wordsFor(z.email(), "nope")).toEqual(["An email address, like name@example.com"]);
  });

  it("answers an API client with those words, naming each field", async () => {
    const shopper = await createTestUser();
    const res = await api("/api/cart/items/lst_nope", { method: "PUT", headers: shopper.headers, body: { qty: 11 } });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors).toEqual([{ path: "qty", message: "At most 10" }]);
    const sorted = (await (await api("/api/products?sort=bogus")).json()) as { errors: { path: string; message: string }[] };
    expect(sorted.errors[0]?.path).toBe("sort");
    expect(sorted.errors[0]?.message).toMatch(/^One of: "relevance", /);
  });
});
