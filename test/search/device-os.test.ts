import { beforeAll, describe, expect, it } from "vitest";
import { productBundle } from "../../scripts/catalog/generate.mjs";
import type { SearchPage } from "../../workers/search/backend";
import { api } from "../helpers/http";
import { addFixtureProduct, seedFixtureCatalog } from "./fixture-catalog";

/** Generated products by model line ("Brand Model"), each put in the fixture category of its kind. */
const LINES = [
  ["Samsung Galaxy S24", "fx-mobiles"],
  ["Apple iPhone 15", "fx-mobiles"],
  ["Samsung Galaxy Tab S9", "fx-tablets"],
  ["Amazon Fire HD 8 Tablet", "fx-tablets"],
  ["Apple iPad Air", "fx-tablets"],
  ["Dell XPS 13", "fx-laptops"],
  ["Apple MacBook Air 13 M2", "fx-laptops"],
] as const;

type Line = (typeof LINES)[number][0];

/** The first product the demo catalog generator makes of each line, as the seed writes it. */
function generatedDevices(): Map<Line, { id: string; title: string; brand: string; attributes: Record<string, string> }> {
  const found = new Map<Line, { id: string; title: string; brand: string; attributes: Record<string, string> }>();
  for (let i = 1; found.size < LINES.length && i <= 20_000; i++) {
    const { product } = productBundle(i, 20_000);
    const line = LINES.find(([name]) => product.title.startsWith(`${name} (`))?.[0];
    if (line && !found.has(line)) {
      found.set(line, { id: `os_${product.id}`, title: product.title, brand: product.brand, attributes: JSON.parse(product.attributes) });
    }
  }
  return found;
}

const DEVICES = generatedDevices();
const idOf = (line: Line) => DEVICES.get(line)!.id;

async function search(q: string): Promise<SearchPage> {
  const res = await api(`/api/products?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as SearchPage;
}

describe("searching generated devices by the operating system they run", () => {
  beforeAll(async () => {
    await seedFixtureCatalog();
    expect(DEVICES.size).toBe(LINES.length);
    for (const [line, category] of LINES) {
      const d = DEVICES.get(line)!;
      await addFixtureProduct(d.id, d.title, d.brand, category, 20_000, d.attributes);
    }
  });

  it("finds Android phones and tablets for 'android', and no iPhone, iPad or Fire tablet", async () => {
    const ids = (await search("android")).items.map((i) => i.id);
    expect(ids).toContain(idOf("Samsung Galaxy S24"));
    expect(ids).toContain(idOf("Samsung Galaxy Tab S9"));
    for (const other of ["Apple iPhone 15", "Apple iPad Air", "Amazon Fire HD 8 Tablet"] as const) expect(ids).not.toContain(idOf(other));
  });

  it("finds the iPhone for 'ios', and no Android phone", async () => {
    const page = await search("ios");
    const ids = page.items.map((i) => i.id);
    expect(page.corrected_query).toBeNull();
    expect(ids).toContain(idOf("Apple iPhone 15"));
    expect(ids).not.toContain(idOf("Samsung Galaxy S24"));
  });

  it("finds Android tablets for 'tablets android connected', not the Fire tablet or the iPad", async () => {
    const ids = (await search("tablets android connected")).items.map((i) => i.id);
    expect(ids[0]).toBe(idOf("Samsung Galaxy Tab S9"));
    expect(ids).not.toContain(idOf("Amazon Fire HD 8 Tablet"));
    expect(ids).not.toContain(idOf("Apple iPad Air"));
  });

  it("puts the Windows laptop before any MacBook for 'windows laptop'", async () => {
    const ids = (await search("windows laptop")).items.map((i) => i.id);
    expect(ids[0]).toBe(idOf("Dell XPS 13"));
    const mac = ids.indexOf(idOf("Apple MacBook Air 13 M2"));
    expect(mac === -1 || mac > 0).toBe(true);
  });

  it("says on a phone's page which operating system it runs", async () => {
    const html = await (await api(`/products/${idOf("Samsung Galaxy S24")}`)).text();
    expect(html).toMatch(/<th scope="row">Operating system<\/th>\s*<td>Android<\/td>/);
  });
});
