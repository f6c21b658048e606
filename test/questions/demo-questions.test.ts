import { env, exports } from "cloudflare:workers";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadCatalogIntoD1 } from "../../scripts/catalog/load-d1.mjs";
import { productBundle } from "../../scripts/catalog/generate.mjs";
import { DEMO_QUESTIONS, ensureDemoQuestions } from "../../scripts/demo-questions.mjs";
import { applyProductChanges } from "../catalog/queue";
import { ORIGIN, api, readerText } from "../helpers/http";

// The demo script talks to a running storefront over fetch: here, to the Worker under test.
const realFetch = globalThis.fetch;
beforeAll(async () => {
  await loadCatalogIntoD1(env.DB, { products: 60, chunk: 100 });
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init))) as typeof fetch;
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

async function signedIn(email: string): Promise<Record<string, string>> {
  const res = await api("/api/auth/login", { body: { email, password: "demo-password-1" } });
  expect(res.status).toBe(200);
  return { authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
}

it("asks about products the demo seller offers, in words that fit them, and has the seller answer one, once across restarts", async () => {
  // The seed still gives these products the titles the questions speak of.
  expect(DEMO_QUESTIONS.map((q) => productBundle(Number(q.product_id.slice(4)), 3000).product.title)).toEqual([
    expect.stringContaining("Google Pixel 7 ("),
    expect.stringContaining("MacBook Pro 14"),
    expect.stringContaining("Dishwasher"),
  ]);

  const made = await ensureDemoQuestions(ORIGIN);
  expect(made.map((q) => [q.product_id, q.answered])).toEqual([
    ["prd_0000042", true],
    ["prd_0000056", false],
    ["prd_0000028", false],
  ]);
  // A restart of `npm run dev` asks nothing more.
  expect(await ensureDemoQuestions(ORIGIN)).toEqual([]);

  const seller = await signedIn("seller@demo.test");
  const tab = await (await api("/seller/questions", { headers: seller })).text();
  expect(readerText(tab)).toMatch(/ Questions \(2 waiting for your answer ?\) /);
  expect(readerText(tab)).toContain("Is installation included in the price");
  const updates = (await (await api("/api/notifications", { headers: seller })).json()) as { items: { kind: string }[] };
  expect(updates.items.filter((m) => m.kind === "question_asked")).toHaveLength(3);

  await applyProductChanges("prd_0000042");
  const page = await (await api("/products/prd_0000042")).text();
  expect(readerText(page)).toContain("It takes one nano SIM and one eSIM");
});
