import "../../public/static/compare.js";
import { afterEach, describe, expect, it } from "vitest";
import { type Browser, closeBrowser, el, type FakeElement, runScript } from "./script-dom";

interface Entry {
  id: string;
  title: string;
  image: string | null;
  brand: string | null;
  kind: string;
  kindName: string;
}

// What public/static/compare.js publishes: its list rules, apart from the page it fills in.
const compare = (globalThis as unknown as { bazaarCompare: Compare }).bazaarCompare;
interface Compare {
  KEY: string;
  LIMIT: number;
  entryOf: (raw: unknown) => Entry | null;
  parseList: (stored: string | null) => Entry[];
  toggle: (list: Entry[], product: unknown) => { outcome: string; list: Entry[]; holds?: string };
  compareHref: (list: Entry[]) => string;
}

const KEY = "bazaar:compare:v1";

const phone = (n: number, more: Partial<Entry> = {}): Entry => ({
  id: `prd_${String(n).padStart(7, "0")}`,
  title: `Phone ${n} (8GB, 128GB)`,
  image: "/art/phone/black.svg",
  brand: "Redmi",
  kind: "cat_mobiles",
  kindName: "Mobile Phones",
  ...more,
});
const tv = (n: number) => phone(n, { title: `TV ${n}`, kind: "cat_tv", kindName: "Televisions", image: null });
const ids = (list: { id: string }[]) => list.map((e) => e.id);

describe("the compare list", () => {
  it("adds and removes a product, keeping the order chosen", () => {
    let list: Entry[] = [];
    for (const n of [1, 2, 3]) list = compare.toggle(list, phone(n)).list;
    expect(ids(list)).toEqual(["prd_0000001", "prd_0000002", "prd_0000003"]);
    const removed = compare.toggle(list, phone(2));
    expect(removed.outcome).toBe("removed");
    expect(ids(removed.list)).toEqual(["prd_0000001", "prd_0000003"]);
    expect(compare.compareHref(removed.list)).toBe("/compare?ids=prd_0000001,prd_0000003");
  });

  it("holds at most four, and says so rather than dropping one", () => {
    const list = [1, 2, 3, 4].map((n) => phone(n));
    const fifth = compare.toggle(list, phone(5));
    expect(fifth.outcome).toBe("full");
    expect(fifth.list).toBe(list);
  });

  it("holds one kind at a time: another kind is refused, naming the kind it holds", () => {
    const list = [phone(1), phone(2)];
    expect(compare.toggle(list, tv(3))).toEqual({ outcome: "other_kind", list, holds: "Mobile Phones" });
  });

  it("treats what storage holds as untrusted: bad ids, kinds, words and pictures, repeats, other kinds, more than four", () => {
    const stored = JSON.stringify([
      { ...phone(1), id: "../../cart" },
      phone(2),
      { ...phone(3), kind: "x y" },
      { ...phone(4), kindName: "" },
      tv(5),
      phone(2),
      { ...phone(6), image: "https://evil.example/p.png" },
      { ...phone(7), image: "//evil.example/p.png" },
      phone(8),
      phone(9),
      "junk",
      null,
    ]);
    const list = compare.parseList(stored);
    expect(ids(list)).toEqual(["prd_0000002", "prd_0000006", "prd_0000007", "prd_0000008"]);
    expect(list[1]?.image).toBeNull();
    expect(list[2]?.image).toBeNull();
    expect(compare.parseList("{not json")).toEqual([]);
    expect(compare.parseList('{"a":1}')).toEqual([]);
    expect(compare.entryOf({ ...phone(1), title: "   " })).toBeNull();
  });
});

/** A product page, reduced to what compare.js reads: the article, the toggle and the tray, as the server draws them. */
function productPage(shown: Entry): FakeElement {
  const article = el("article", {
    class: "product",
    "data-product-id": shown.id,
    "data-record-viewed": "",
    "data-title": shown.title,
    ...(shown.image ? { "data-image": shown.image } : {}),
    ...(shown.brand ? { "data-brand": shown.brand } : {}),
  });
  const choices = el("p", { "data-compare-choices": "" }, [
    el("button", { type: "button", "data-compare-replace": "" }, [], "Compare this instead"),
    el("button", { type: "button", "data-compare-keep": "" }, [], "Keep my list"),
  ]);
  choices.hidden = true;
  const toggle = el("div", { "data-compare-toggle": "", "data-kind": shown.kind, "data-kind-name": shown.kindName }, [
    el("label", {}, [el("input", { type: "checkbox", "data-compare-check": "" })]),
    el("div", { "data-compare-note": "" }, [el("p", { "data-compare-words": "" }), choices]),
  ]);
  toggle.hidden = true;
  article.append(toggle);
  const go = el("a", { href: "/compare", "data-compare-go": "" }, [], "Compare");
  go.hidden = true;
  const tray = el("aside", { "data-compare-tray": "" }, [
    el("p", { "data-compare-count": "" }),
    go,
    el("button", { type: "button", "data-compare-clear": "" }, [], "Clear"),
  ]);
  tray.hidden = true;
  return el("body", {}, [el("main", {}, [article]), tray]);
}

const part = (body: FakeElement, name: string) => body.querySelector(`[data-compare-${name}]`) as FakeElement & { checked?: boolean };
const stored = (list: Entry[]) => ({ [KEY]: JSON.stringify(list) });
const kept = (storage: Map<string, string>) => ids(JSON.parse(storage.get(KEY) ?? "[]"));

/** Ticks the checkbox as a shopper does: the browser flips it, then tells the script. */
async function press(body: FakeElement): Promise<void> {
  const check = part(body, "check");
  check.checked = !check.checked;
  await check.dispatch("change");
}

afterEach(closeBrowser);

describe("compare.js", () => {
  it("shows the toggle, checked for a product already in the list, and the tray leading to the comparison", async () => {
    const body = productPage(phone(2));
    await runScript("compare.js", { body, storage: stored([phone(1), phone(2)]) });
    expect(part(body, "toggle").hidden).toBe(false);
    expect(part(body, "check").checked).toBe(true);
    expect(part(body, "tray").hidden).toBe(false);
    expect(part(body, "go").hidden).toBe(false);
    expect(part(body, "go").textContent).toBe("Compare 2 Mobile Phones");
    expect(part(body, "go").getAttribute("href")).toBe("/compare?ids=prd_0000001,prd_0000002");
  });

  it("adds the product on screen when ticked; one alone asks for another, two lead to the comparison", async () => {
    const body = productPage(phone(1));
    const b = await runScript("compare.js", { body });
    expect(part(body, "toggle").hidden).toBe(false);
    expect(part(body, "check").checked).toBe(false);
    expect(part(body, "tray").hidden).toBe(true);
    await press(body);
    expect(kept(b.storage)).toEqual(["prd_0000001"]);
    expect(part(body, "words").textContent).toBe("Added to compare.");
    expect(part(body, "tray").hidden).toBe(false);
    expect(part(body, "count").textContent).toBe("1 of Mobile Phones chosen: add another to compare");
    expect(part(body, "go").hidden).toBe(true);
    await press(body);
    expect(b.storage.has(KEY)).toBe(false);
    expect(part(body, "tray").hidden).toBe(true);
  });

  it("asks before replacing a list of another kind, and replaces it only when told", async () => {
    const body = productPage(tv(9));
    const b = await runScript("compare.js", { body, storage: stored([phone(1), phone(2)]) });
    await press(body);
    expect(part(body, "check").checked).toBe(false);
    expect(kept(b.storage)).toEqual(["prd_0000001", "prd_0000002"]);
    expect(part(body, "words").textContent).toBe("Your compare list holds Mobile Phones. Products are compared with their own kind.");
    expect(part(body, "choices").hidden).toBe(false);
    await part(body, "keep").click();
    expect(kept(b.storage)).toEqual(["prd_0000001", "prd_0000002"]);
    expect(part(body, "choices").hidden).toBe(true);
    await press(body);
    await part(body, "replace").click();
    expect(kept(b.storage)).toEqual(["prd_0000009"]);
    expect(part(body, "check").checked).toBe(true);
    expect(part(body, "count").textContent).toBe("1 of Televisions chosen: add another to compare");
  });

  it("says the list is full at four, leaving it as it was", async () => {
    const body = productPage(phone(5));
    const b = await runScript("compare.js", { body, storage: stored([1, 2, 3, 4].map((n) => phone(n))) });
    await press(body);
    expect(part(body, "check").checked).toBe(false);
    expect(kept(b.storage)).toHaveLength(4);
    expect(part(body, "words").textContent).toBe("You can compare up to 4 at a time. Remove one from your list first.");
  });

  it("clears the list from the tray", async () => {
    const body = productPage(phone(3));
    const b = await runScript("compare.js", { body, storage: stored([phone(1), phone(3)]) });
    await part(body, "clear").click();
    expect(b.storage.has(KEY)).toBe(false);
    expect(part(body, "tray").hidden).toBe(true);
    expect(part(body, "check").checked).toBe(false);
  });

  it("keeps the toggle hidden where the browser keeps no storage", async () => {
    const body = productPage(phone(1));
    await runScript("compare.js", { body, window: { localStorage: null } });
    expect(part(body, "toggle").hidden).toBe(true);
    expect(part(body, "tray").hidden).toBe(true);
  });
});

/** A card of a results page, reduced to what compare.js reads: its toggle names its product and kind. */
function card(p: Entry): FakeElement {
  const choices = el("p", { "data-compare-choices": "" }, [
    el("button", { type: "button", "data-compare-replace": "" }, [], "Compare this instead"),
    el("button", { type: "button", "data-compare-keep": "" }, [], "Keep my list"),
  ]);
  choices.hidden = true;
  const toggle = el(
    "div",
    {
      "data-compare-toggle": "",
      "data-kind": p.kind,
      "data-kind-name": p.kindName,
      "data-product-id": p.id,
      "data-title": p.title,
      ...(p.image ? { "data-image": p.image } : {}),
      ...(p.brand ? { "data-brand": p.brand } : {}),
    },
    [
      el("label", {}, [el("input", { type: "checkbox", "data-compare-check": "" })]),
      el("div", { "data-compare-note": "" }, [el("p", { "data-compare-words": "" }), choices]),
    ],
  );
  toggle.hidden = true;
  return el("li", { class: "card" }, [el("a", { href: `/products/${p.id}` }, [], p.title), toggle]);
}

/** A results page: a grid of cards and the tray. */
function resultsPage(shown: Entry[]): FakeElement {
  const go = el("a", { href: "/compare", "data-compare-go": "" }, [], "Compare");
  go.hidden = true;
  const tray = el("aside", { "data-compare-tray": "" }, [
    el("p", { "data-compare-count": "" }),
    go,
    el("button", { type: "button", "data-compare-clear": "" }, [], "Clear"),
  ]);
  tray.hidden = true;
  return el("body", {}, [el("main", {}, [el("ul", { class: "grid" }, shown.map(card))]), tray]);
}

const cardsOf = (body: FakeElement) => body.querySelectorAll("[data-compare-toggle]");
const inCard = (toggle: FakeElement, name: string) => toggle.querySelector(`[data-compare-${name}]`) as FakeElement & { checked?: boolean };
async function pressCard(toggle: FakeElement): Promise<void> {
  const check = inCard(toggle, "check");
  check.checked = !check.checked;
  await check.dispatch("change");
}

/** localStorage over `kept`, counting the page's reads. */
function countingStorage(kept: Map<string, string>) {
  const store = {
    reads: 0,
    getItem: (k: string) => {
      store.reads++;
      return kept.get(k) ?? null;
    },
    setItem: (k: string, v: string) => kept.set(k, String(v)),
    removeItem: (k: string) => kept.delete(k),
  };
  return store;
}

describe("compare.js on a results page", () => {
  it("shows every card's toggle, checking those in the list, with one read of storage for the whole grid", async () => {
    const shown = Array.from({ length: 24 }, (_, i) => phone(i + 1));
    const body = resultsPage(shown);
    const kept = new Map(Object.entries(stored([phone(3), phone(7)])));
    const store = countingStorage(kept);
    await runScript("compare.js", { body, window: { localStorage: store } });
    const toggles = cardsOf(body);
    expect(toggles).toHaveLength(24);
    expect(toggles.every((t) => !t.hidden)).toBe(true);
    expect(toggles.filter((t) => inCard(t, "check").checked).map((t) => t.dataset.productId)).toEqual(["prd_0000003", "prd_0000007"]);
    expect(store.reads).toBe(1);
    expect(part(body, "go").textContent).toBe("Compare 2 Mobile Phones");
  });

  it("adds the card's own product when ticked, and a product page shows it checked after", async () => {
    const body = resultsPage([phone(1), phone(2), tv(3)]);
    const b = await runScript("compare.js", { body });
    const [first, second] = cardsOf(body) as [FakeElement, FakeElement];
    await pressCard(second);
    await pressCard(first);
    expect(JSON.parse(b.storage.get(KEY) ?? "[]")).toEqual([phone(2), phone(1)]);
    expect(inCard(first, "words").textContent).toBe("Added to compare.");
    expect(inCard(second, "words").textContent).toBe("");
    expect(part(body, "go").getAttribute("href")).toBe("/compare?ids=prd_0000002,prd_0000001");

    const product = productPage(phone(1));
    await runScript("compare.js", { body: product, storage: Object.fromEntries(b.storage) });
    expect(part(product, "check").checked).toBe(true);
  });

  it("asks on the card of another kind alone, and replaces the list only when told", async () => {
    const body = resultsPage([phone(1), phone(2), tv(3)]);
    const b = await runScript("compare.js", { body, storage: stored([phone(1)]) });
    const [first, , telly] = cardsOf(body) as [FakeElement, FakeElement, FakeElement];
    await pressCard(telly);
    expect(inCard(telly, "check").checked).toBe(false);
    expect(inCard(telly, "words").textContent).toBe("Your compare list holds Mobile Phones. Products are compared with their own kind.");
    expect(inCard(telly, "choices").hidden).toBe(false);
    expect(inCard(first, "choices").hidden).toBe(true);
    expect(kept(b.storage)).toEqual(["prd_0000001"]);
    await inCard(telly, "replace").click();
    expect(kept(b.storage)).toEqual(["prd_0000003"]);
    expect(inCard(telly, "check").checked).toBe(true);
    expect(inCard(first, "check").checked).toBe(false);
  });
});

/**
 * A comparison page as drawn: the notice for a comparison that is not the shopper's list, hidden;
 * the table marking its kind, each column head its product, with its Remove link.
 */
function comparisonPage(shown: Entry[], kind = shown[0]!): FakeElement {
  const heads = shown.map((p) =>
    el(
      "th",
      {
        scope: "col",
        "data-product-id": p.id,
        "data-title": p.title,
        ...(p.image ? { "data-image": p.image } : {}),
        ...(p.brand ? { "data-brand": p.brand } : {}),
      },
      [el("a", { href: "/compare", "data-compare-remove": p.id }, [], "Remove")],
    ),
  );
  const table = el("table", { "data-compare-shown": "", "data-kind": kind.kind, "data-kind-name": kind.kindName }, [
    el("thead", {}, [el("tr", {}, heads)]),
  ]);
  const choices = el("p", { "data-compare-shared-choices": "" }, [
    el("a", { href: "/compare", "data-compare-own": "" }, [], "Open your comparison"),
    el("button", { type: "button", "data-compare-adopt": "" }, [], "Make this comparison your list"),
  ]);
  const notice = el("div", { role: "status", "data-compare-shared": "" }, [el("p", { "data-compare-shared-words": "" }), choices]);
  notice.hidden = true;
  return el("body", {}, [el("main", {}, [notice, table])]);
}

const removeOf = (body: FakeElement, p: Entry) => body.querySelector(`[data-compare-remove="${p.id}"]`) as FakeElement;

/** Presses Remove on `p`, then opens the page its link leads to, in the same tab. */
async function removeThenOpen(b: Browser, body: FakeElement, p: Entry, next: Entry[]): Promise<{ b: Browser; body: FakeElement }> {
  await removeOf(body, p).click();
  const after = comparisonPage(next);
  return { b: await runScript("compare.js", { body: after, storage: Object.fromEntries(b.storage) }), body: after };
}

describe("compare.js on the comparison page", () => {
  it("makes a Remove on the shopper's own comparison a removal from the list, so the product leaves the tray", async () => {
    const page = comparisonPage([phone(1), phone(2), phone(3)]);
    const own = await runScript("compare.js", { body: page, storage: stored([phone(1), phone(2), phone(3)]) });
    expect(part(page, "shared").hidden).toBe(true);
    const two = await removeThenOpen(own, page, phone(2), [phone(1), phone(3)]);
    expect(JSON.parse(two.b.storage.get(KEY) ?? "[]")).toEqual([phone(1), phone(3)]);
    expect(part(two.body, "shared").hidden).toBe(true);

    // The last Remove leaves one, which the list keeps, for the tray to ask for another.
    const lone = await removeThenOpen(two.b, two.body, phone(1), [phone(3)]);
    expect(kept(lone.b.storage)).toEqual(["prd_0000003"]);
    const results = resultsPage([phone(1), phone(3)]);
    await runScript("compare.js", { body: results, storage: Object.fromEntries(lone.b.storage) });
    expect(part(results, "count").textContent).toBe("1 of Mobile Phones chosen: add another to compare");
    expect(cardsOf(results).map((t) => inCard(t, "check").checked)).toEqual([false, true]);
  });

  it("keeps the shopper's own list on a comparison someone sent, offering to open theirs or take this one", async () => {
    const body = comparisonPage([phone(3), phone(4)]);
    const b = await runScript("compare.js", { body, storage: stored([phone(1), phone(2)]) });
    expect(kept(b.storage)).toEqual(["prd_0000001", "prd_0000002"]);
    expect(part(body, "shared").hidden).toBe(false);
    expect(part(body, "shared-words").textContent).toBe("Your own compare list (2 Mobile Phones) is kept as it was.");
    expect(part(body, "shared-choices").hidden).toBe(false);
    expect(part(body, "own").getAttribute("href")).toBe("/compare?ids=prd_0000001,prd_0000002");

    await part(body, "adopt").click();
    expect(JSON.parse(b.storage.get(KEY) ?? "[]")).toEqual([phone(3), phone(4)]);
    expect(part(body, "shared-words").textContent).toBe("This comparison is now your compare list.");
    expect(part(body, "shared-choices").hidden).toBe(true);
  });

  it("names a list of one of another kind as such", async () => {
    const body = comparisonPage([phone(3), phone(4)]);
    const b = await runScript("compare.js", { body, storage: stored([tv(7)]) });
    expect(kept(b.storage)).toEqual(["prd_0000007"]);
    expect(part(body, "shared-words").textContent).toBe("Your own compare list (1 of Televisions) is kept as it was.");
    expect(part(body, "own").getAttribute("href")).toBe("/compare?ids=prd_0000007");
  });

  it("takes a comparison someone sent as the list where the shopper keeps none", async () => {
    const body = comparisonPage([phone(3), phone(4)]);
    const b = await runScript("compare.js", { body });
    expect(kept(b.storage)).toEqual(["prd_0000003", "prd_0000004"]);
    expect(part(body, "shared").hidden).toBe(true);
  });

  it("makes a Remove on a comparison someone sent narrow the page only: the list stays, and the next page asks again", async () => {
    const page = comparisonPage([phone(3), phone(4), phone(5)]);
    const sent = await runScript("compare.js", { body: page, storage: stored([phone(1), phone(2)]) });
    const next = await removeThenOpen(sent, page, phone(4), [phone(3), phone(5)]);
    expect(kept(next.b.storage)).toEqual(["prd_0000001", "prd_0000002"]);
    expect(part(next.body, "shared").hidden).toBe(false);
  });

  it("lets a Remove's mark serve the one page it names, once", async () => {
    const page = comparisonPage([phone(1), phone(2), phone(3)]);
    const own = await runScript("compare.js", { body: page, storage: stored([phone(1), phone(2), phone(3)]) });
    await removeOf(page, phone(2)).click();
    // The shopper opens another link instead: the mark names another comparison, and is used up.
    const other = comparisonPage([phone(5), phone(6)]);
    const b = await runScript("compare.js", { body: other, storage: Object.fromEntries(own.storage) });
    expect(kept(b.storage)).toEqual(["prd_0000001", "prd_0000002", "prd_0000003"]);
    expect(part(other, "shared").hidden).toBe(false);
    const later = comparisonPage([phone(1), phone(3)]);
    const again = await runScript("compare.js", { body: later, storage: Object.fromEntries(b.storage) });
    expect(kept(again.storage)).toEqual(["prd_0000001", "prd_0000002", "prd_0000003"]);
  });

  it("lets a Remove opened in another tab (middle button, the link's menu) mark its page, for a minute", async () => {
    const start = 1_700_000_000_000;
    const page = comparisonPage([phone(1), phone(2), phone(3)]);
    const own = await runScript("compare.js", { body: page, storage: stored([phone(1), phone(2), phone(3)]), now: start });
    await removeOf(page, phone(2)).dispatch("auxclick");
    const tab = comparisonPage([phone(1), phone(3)]);
    const b = await runScript("compare.js", { body: tab, storage: Object.fromEntries(own.storage), now: start + 5_000 });
    expect(kept(b.storage)).toEqual(["prd_0000001", "prd_0000003"]);
    expect(part(tab, "shared").hidden).toBe(true);

    // A mark the shopper left on opening the link's menu, whose page opened only minutes later, is stale.
    const again = comparisonPage([phone(1), phone(2), phone(3)]);
    const before = await runScript("compare.js", { body: again, storage: stored([phone(1), phone(2), phone(3)]), now: start });
    await removeOf(again, phone(3)).dispatch("contextmenu");
    const late = comparisonPage([phone(1), phone(2)]);
    const after = await runScript("compare.js", { body: late, storage: Object.fromEntries(before.storage), now: start + 120_000 });
    expect(kept(after.storage)).toEqual(["prd_0000001", "prd_0000002", "prd_0000003"]);
    expect(part(late, "shared").hidden).toBe(false);
  });

  it("leaves the list alone on a page that shows no comparison, or names a product it cannot keep", async () => {
    const list = stored([phone(1), phone(2)]);
    const refused = await runScript("compare.js", { body: el("body", {}, [el("main")]), storage: list });
    expect(kept(refused.storage)).toEqual(["prd_0000001", "prd_0000002"]);
    const bad = await runScript("compare.js", { body: comparisonPage([phone(5), { ...phone(6), id: "../cart" }]), storage: list });
    expect(kept(bad.storage)).toEqual(["prd_0000001", "prd_0000002"]);
  });
});
