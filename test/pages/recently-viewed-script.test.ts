import "../../public/static/recently-viewed.js";
import { afterEach, describe, expect, it } from "vitest";
import { closeBrowser, el, type FakeElement, runScript } from "./script-dom";

interface Entry {
  id: string;
  title: string;
  image: string | null;
  brand: string | null;
}

interface Store {
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
  removeItem(k: string): void;
}

// What public/static/recently-viewed.js publishes: its list rules, apart from the page it fills in.
const recent = (globalThis as unknown as { bazaarRecent: Recent }).bazaarRecent;
interface Recent {
  KEY: string;
  LIMIT: number;
  imagePath: (value: unknown) => string | null;
  entryOf: (raw: unknown) => Entry | null;
  parseList: (stored: string | null) => Entry[];
  withProduct: (list: Entry[], product: unknown) => Entry[];
  readList: (store: Store | null) => Entry[];
  writeList: (list: Entry[], store: Store | null) => void;
}

const KEY = "bazaar:recently-viewed:v1";

const product = (n: number, more: Partial<Entry> = {}): Entry => ({
  id: `prd_${String(n).padStart(7, "0")}`,
  title: `Phone ${n} (8GB, 128GB)`,
  image: `/art/phone/black.svg`,
  brand: "Redmi",
  ...more,
});

const ids = (list: { id: string }[]) => list.map((e) => e.id);

/** A store whose every call throws, as Safari's private mode answers a write. */
const refusing: Store = {
  getItem: () => {
    throw new Error("SecurityError");
  },
  setItem: () => {
    throw new Error("QuotaExceededError");
  },
  removeItem: () => {
    throw new Error("SecurityError");
  },
};

describe("the recently viewed list", () => {
  it("puts the newest view first and keeps one entry per product", () => {
    let list: Entry[] = [];
    list = recent.withProduct(list, product(1));
    list = recent.withProduct(list, product(2));
    list = recent.withProduct(list, product(1));
    expect(ids(list)).toEqual(["prd_0000001", "prd_0000002"]);
  });

  it("keeps the twelve latest, dropping the oldest", () => {
    let list: Entry[] = [];
    for (let n = 1; n <= 13; n++) list = recent.withProduct(list, product(n));
    expect(recent.LIMIT).toBe(12);
    expect(list).toHaveLength(12);
    expect(list[0]?.id).toBe("prd_0000013");
    expect(ids(list)).not.toContain("prd_0000001");
  });

  it("keeps the title, picture and brand, and never a price", () => {
    const [entry] = recent.withProduct([], { ...product(7), price: 129900, mrp: 149900 });
    expect(entry).toEqual({ id: "prd_0000007", title: "Phone 7 (8GB, 128GB)", image: "/art/phone/black.svg", brand: "Redmi" });
  });

  it("refuses a product id not in the catalog's form, leaving the list as it was", () => {
    const list = [product(1)];
    for (const id of ["", "../cart", "prd 1", 'prd_1"><img src=x>', "x".repeat(65), 42, null]) {
      expect(recent.entryOf({ ...product(2), id })).toBeNull();
      expect(recent.withProduct(list, { ...product(2), id })).toEqual(list);
    }
    expect(recent.entryOf({ ...product(2), id: "prd_Ab-9_x" })?.id).toBe("prd_Ab-9_x");
  });

  it("refuses an entry without a title", () => {
    expect(recent.entryOf({ ...product(1), title: "  " })).toBeNull();
    expect(recent.entryOf({ ...product(1), title: 7 })).toBeNull();
  });

  it("accepts only pictures on this site, keeping the product without one otherwise", () => {
    expect(recent.imagePath("/art/phone/black.svg")).toBe("/art/phone/black.svg");
    for (const image of [
      "https://evil.example/x.png",
      "//evil.example/x.png",
      "/\\evil.example/x.png",
      "/\t/evil.example/x.png",
      "javascript:alert(1)",
      "data:image/svg+xml,<svg/>",
      "art/phone.svg",
      "",
      7,
    ]) {
      expect(recent.imagePath(image)).toBeNull();
      expect(recent.entryOf({ ...product(1), image })).toEqual({ ...product(1), image: null });
    }
  });

  it("reads corrupt storage as an empty list, and keeps only the good entries of a list with bad ones", () => {
    for (const stored of ["not json", "{}", "null", '"text"', "42", "[1,2,3]"]) expect(recent.parseList(stored)).toEqual([]);
    const mixed = JSON.stringify([
      product(1),
      { id: "bad id", title: "X" },
      null,
      product(1),
      { ...product(2), image: "//evil.example/a.png" },
    ]);
    expect(recent.parseList(mixed)).toEqual([product(1), { ...product(2), image: null }]);
    const long = JSON.stringify(Array.from({ length: 20 }, (_, i) => product(i + 1)));
    expect(recent.parseList(long)).toHaveLength(12);
  });

  it("does nothing where storage is missing or refuses every call", () => {
    expect(recent.readList(null)).toEqual([]);
    expect(recent.readList(refusing)).toEqual([]);
    expect(() => recent.writeList([product(1)], refusing)).not.toThrow();
    expect(() => recent.writeList([product(1)], null)).not.toThrow();
  });
});

/** The row as the pages draw it: hidden, empty, with its Clear button. */
function row(): FakeElement {
  const section = el("section", { class: "recently-viewed", "data-recently-viewed": "" }, [
    el("div", { class: "row-head" }, [
      el("h2", {}, [], "Recently viewed"),
      el("button", { type: "button", "data-recent-clear": "" }, [], "Clear"),
    ]),
    el("ul", { class: "grid", "data-recent-items": "" }),
  ]);
  section.hidden = true;
  return section;
}

/** A product page, reduced to what recently-viewed.js reads: the article's attributes and the row. */
function productPage(shown: Entry): FakeElement {
  const attrs: Record<string, string> = {
    class: "product",
    "data-product-id": shown.id,
    "data-record-viewed": "",
    "data-title": shown.title,
  };
  if (shown.image) attrs["data-image"] = shown.image;
  if (shown.brand) attrs["data-brand"] = shown.brand;
  return el("body", {}, [el("main", {}, [el("article", attrs), row()])]);
}

const homePage = () => el("body", {}, [el("main", {}, [row()])]);

const stored = (list: Entry[]) => ({ [KEY]: JSON.stringify(list) });
const section = (body: FakeElement) => body.querySelector("[data-recently-viewed]");
const tiles = (body: FakeElement) => body.querySelector("[data-recent-items]")?.children ?? [];
const hrefOf = (tile: FakeElement) => (tile.querySelector("a") as unknown as { href: string }).href;

afterEach(closeBrowser);

describe("recently-viewed.js", () => {
  it("records the product on screen first, and shows the others newest first, without it", async () => {
    const body = productPage(product(3));
    const b = await runScript("recently-viewed.js", { body, storage: stored([product(2), product(3), product(1)]) });
    expect(ids(JSON.parse(b.storage.get(KEY) ?? "[]"))).toEqual(["prd_0000003", "prd_0000002", "prd_0000001"]);
    expect(section(body)?.hidden).toBe(false);
    expect(tiles(body).map(hrefOf)).toEqual(["/products/prd_0000002", "/products/prd_0000001"]);
  });

  it("draws each tile as the product cards are: picture, title, variant and brand, and no price", async () => {
    const body = homePage();
    await runScript("recently-viewed.js", { body, storage: stored([product(5)]) });
    const [tile] = tiles(body);
    expect(tile?.tagName).toBe("li");
    expect(tile?.className).toBe("card");
    const link = tile?.querySelector("a");
    expect(link?.className).toBe("card-link");
    expect(link?.querySelector("span")?.className).toBe("thumb pictured");
    const img = link?.querySelector("img") as unknown as { src: string; alt: string };
    expect(img.src).toBe("/art/phone/black.svg");
    expect(img.alt).toBe("");
    expect(link?.children.map((c) => [c.className, c.textContent])).toEqual([
      ["thumb pictured", ""],
      ["card-title", "Phone 5"],
      ["card-variant", "8GB, 128GB"],
    ]);
    expect(tile?.children.map((c) => c.textContent)).toEqual(["", "Redmi"]);
    expect(tile?.querySelector("p")?.className).toBe("muted card-brand");
  });

  it("shows the brand's letter where the picture is not on this site, and stored words only as text", async () => {
    const body = homePage();
    const title = '<img src=x onerror="alert(1)">';
    await runScript("recently-viewed.js", {
      body,
      storage: stored([
        { ...product(4), image: "https://evil.example/p.png" },
        { ...product(6), title, brand: null, image: null },
      ]),
    });
    const [first, second] = tiles(body);
    const thumb = first?.querySelector("span");
    expect(thumb?.className).toBe("thumb");
    expect(thumb?.textContent).toBe("R");
    expect(thumb?.getAttribute("aria-hidden")).toBe("true");
    expect(first?.querySelector("img")).toBeNull();
    expect(second?.querySelector("img")).toBeNull();
    expect(second?.querySelector("span")?.textContent).toBe("<");
    expect(second?.children[0]?.children[1]?.textContent).toBe(title);
  });

  it("leaves out stored entries with a bad id", async () => {
    const body = homePage();
    await runScript("recently-viewed.js", { body, storage: stored([{ ...product(1), id: "../../cart" }, product(2)]) });
    expect(tiles(body).map(hrefOf)).toEqual(["/products/prd_0000002"]);
  });

  it("stays hidden when the product on screen is the only one viewed, or nothing was", async () => {
    const body = productPage(product(1));
    const b = await runScript("recently-viewed.js", { body });
    expect(JSON.parse(b.storage.get(KEY) ?? "null")).toEqual([product(1)]);
    expect(section(body)?.hidden).toBe(true);
    expect(tiles(body)).toHaveLength(0);
    const home = homePage();
    await runScript("recently-viewed.js", { body: home });
    expect(section(home)?.hidden).toBe(true);
  });

  it("starts afresh over corrupt storage", async () => {
    const body = productPage(product(8));
    const b = await runScript("recently-viewed.js", { body, storage: { [KEY]: "{not json" } });
    expect(JSON.parse(b.storage.get(KEY) ?? "null")).toEqual([product(8)]);
    expect(section(body)?.hidden).toBe(true);
  });

  it("breaks nothing where storage is unavailable, and still shows what was kept where it refuses writes", async () => {
    for (const localStorage of [null, refusing]) {
      const body = productPage(product(1));
      await runScript("recently-viewed.js", { body, window: { localStorage } });
      expect(section(body)?.hidden).toBe(true);
    }
    // A full storage, or Safari's private mode, reads but throws on every write.
    const body = productPage(product(1));
    const full: Store = { ...refusing, getItem: (k) => (k === KEY ? JSON.stringify([product(2)]) : null) };
    await runScript("recently-viewed.js", { body, window: { localStorage: full } });
    expect(section(body)?.hidden).toBe(false);
    expect(tiles(body).map(hrefOf)).toEqual(["/products/prd_0000002"]);
  });

  it("records and draws the page afresh when the Back button brings it back from the browser's memory", async () => {
    const body = productPage(product(1));
    const listeners: Record<string, (event: { persisted: boolean }) => void> = {};
    const b = await runScript("recently-viewed.js", {
      body,
      storage: stored([product(2)]),
      window: { addEventListener: (type: string, listener: (event: { persisted: boolean }) => void) => (listeners[type] = listener) },
    });
    expect(tiles(body).map(hrefOf)).toEqual(["/products/prd_0000002"]);
    // Meanwhile the shopper went on to product 3, then came back.
    b.storage.set(KEY, JSON.stringify([product(3), product(1), product(2)]));
    listeners.pageshow?.({ persisted: true });
    expect(ids(JSON.parse(b.storage.get(KEY) ?? "[]"))).toEqual(["prd_0000001", "prd_0000003", "prd_0000002"]);
    expect(tiles(body).map(hrefOf)).toEqual(["/products/prd_0000003", "/products/prd_0000002"]);
  });

  it("clears the list and hides the row at the Clear button", async () => {
    const body = homePage();
    const b = await runScript("recently-viewed.js", { body, storage: stored([product(1), product(2)]) });
    expect(section(body)?.hidden).toBe(false);
    await body.querySelector("[data-recent-clear]")?.click();
    expect(section(body)?.hidden).toBe(true);
    expect(tiles(body)).toHaveLength(0);
    expect(b.storage.has(KEY)).toBe(false);
  });
});
