import { beforeAll, describe, expect, it } from "vitest";
import type { SearchPage } from "../../workers/search/backend";
import { categoryWords } from "../../workers/search/category-heads";
import { api } from "../helpers/http";
import { addFixtureCategory, addFixtureProduct, seedFixtureCatalog } from "./fixture-catalog";

async function ids(q: string): Promise<string[]> {
  const res = await api(`/api/products?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as SearchPage).items.map((i) => i.id);
}

// Real laptops and cameras carry their type only in their category; their accessories carry it in the title.
describe("a query that names a product type", () => {
  beforeAll(async () => {
    await seedFixtureCatalog();
    await addFixtureCategory("fx-cameras", "Cameras & Camcorders", "fx-electronics");
    await addFixtureCategory("fx-camera-accessories", "Camera Accessories", "fx-electronics");
    await addFixtureProduct("fx_insp", "Dell Inspiron 14 (16GB RAM, 512GB SSD)", "Dell", "fx-laptops", 54999);
    await addFixtureProduct("fx_sleeve", "Dell Laptop Sleeve 14 (Graphite)", "Dell", "fx-accessories", 999);
    await addFixtureProduct("fx_backpack", "Wildcraft Laptop Backpack 35 L (Red)", "Wildcraft", "fx-accessories", 1999);
    await addFixtureProduct("fx_eos", "Canon EOS 1500D DSLR (18-55mm Lens, 24.1 MP)", "Canon", "fx-cameras", 41999);
    await addFixtureProduct("fx_z30", "Nikon Z30 Mirrorless Camera (Body Only)", "Nikon", "fx-cameras", 59999);
    await addFixtureProduct("fx_camera_bag", "Lowepro Camera Backpack (Black)", "Lowepro", "fx-camera-accessories", 4999);
  });

  it("puts the brand's laptop above its laptop sleeve", async () => {
    const found = await ids("dell laptop");
    expect(found[0]).toBe("fx_insp");
    expect(found).toContain("fx_sleeve");
  });

  it("puts every laptop above the bags and sleeves for laptops", async () => {
    const found = await ids("laptop");
    const laptops = ["fx_mba", "fx_mbp", "fx_cbook", "fx_insp"];
    expect(found.slice(0, laptops.length).sort()).toEqual(laptops.sort());
    expect(found.slice(laptops.length).sort()).toEqual(["fx_backpack", "fx_sleeve"]);
  });

  it("reads a computer as a desktop, not the monitors beside it or the printer ink of the same department", async () => {
    await addFixtureCategory("fx-computers", "Computers & Laptops", "fx-electronics");
    await addFixtureCategory("fx-desktops", "Desktops & Monitors", "fx-computers");
    await addFixtureCategory("fx-printers", "Printers & Ink", "fx-computers");
    await addFixtureProduct("fx_optiplex", "Dell OptiPlex 7010 Desktop (8GB RAM, 512GB SSD)", "Dell", "fx-desktops", 48999);
    // A short title, which alone would rank it first.
    await addFixtureProduct("fx_odyssey", "Samsung Odyssey G5 Monitor", "Samsung", "fx-desktops", 21999);
    await addFixtureProduct("fx_bundle", "HP Pro Desktop with 22 inch Monitor (8GB RAM, 512GB SSD)", "HP", "fx-desktops", 52999);
    await addFixtureProduct("fx_deskjet", "HP DeskJet 2331 All-in-One Printer", "HP", "fx-printers", 3299);
    await addFixtureProduct("fx_ink", "HP 61 Black Ink Cartridge", "HP", "fx-printers", 1199);

    for (const q of ["computers", "computer", "desktop"]) {
      const found = await ids(q);
      expect(found.slice(0, 2).sort(), q).toEqual(["fx_bundle", "fx_optiplex"]);
      expect(found.indexOf("fx_odyssey"), q).toBeGreaterThan(1);
    }
    expect((await ids("computers")).slice(2).sort()).toEqual(["fx_deskjet", "fx_ink", "fx_odyssey"]);
    const monitors = await ids("monitor");
    expect(monitors[0]).toBe("fx_odyssey");
    expect(monitors.indexOf("fx_optiplex")).toBeGreaterThan(monitors.indexOf("fx_bundle"));
    // "Printers & Ink" is named for its printers by "printer", for its ink by "ink".
    expect((await ids("printer"))[0]).toBe("fx_deskjet");
    expect((await ids("ink"))[0]).toBe("fx_ink");
  });

  it("counts a category for the word that heads its name, not for an accessory category named after it", async () => {
    const found = await ids("camera");
    expect(found.slice(0, 2).sort()).toEqual(["fx_eos", "fx_z30"]);
    expect(found[2]).toBe("fx_camera_bag");
  });
});

describe("the word of a query that may name a category", () => {
  const words = (q: string) => categoryWords(q.split(" ").map((text) => ({ text, partial: false, corrections: [] })));

  it("is the query's head word: what is asked for, not what it is for", () => {
    expect(words("dell laptop")).toContain("laptop");
    expect(words("laptop for students")).toContain("laptop");
    expect(words("phone under 20000")).toContain("phone");
    expect(words("samsung phone 128gb")).toContain("phone");
    // A sleeve is asked for: lifting the laptops would put any laptop that mentions a sleeve first.
    expect(words("laptop sleeve")).not.toContain("laptop");
    expect(words("phone case")).not.toContain("phone");
  });
});
