// "Compare": the products this browser chose to put side by side, kept in localStorage, with a
// toggle on a product page and on each card of a results page, and a tray fixed at the bottom of
// the screen leading to /compare. These pages are one shared copy for everyone, so the server draws
// the toggles unchecked and hidden and the tray empty, and this fills them in, with no request of
// its own. Only products of one kind (leaf category) are compared, at most four. A Remove on the
// shopper's own comparison leaves the tray too; a comparison someone else sent leaves the list as it
// was and offers to take it instead. Without this file (or without storage) the toggles stay hidden
// and nothing else changes.
import { CATALOG_ID, imagePath, trimmedText } from "./stored-entry.js";

(() => {
  /** The storage key; a new shape of entry gets a new version rather than misreading old ones. */
  const KEY = "bazaar:compare:v1";
  /** The most products one comparison holds (COMPARE_MAX in workers/catalog/compare.ts). */
  const LIMIT = 4;
  /**
   * An entry as kept: a product id and a kind of the catalog's form, a title and the kind's name,
   * or null. Any script of this site, or the shopper, can rewrite storage, so nothing in it is
   * trusted as it stands.
   */
  const entryOf = (raw) => {
    if (!raw || typeof raw !== "object") return null;
    const title = trimmedText(raw.title, 200);
    const kindName = trimmedText(raw.kindName, 100);
    if (typeof raw.id !== "string" || !CATALOG_ID.test(raw.id) || !title) return null;
    if (typeof raw.kind !== "string" || !CATALOG_ID.test(raw.kind) || !kindName) return null;
    return { id: raw.id, title, image: imagePath(raw.image), brand: trimmedText(raw.brand, 100), kind: raw.kind, kindName };
  };

  /** The list a stored value holds: good entries only, one per product, all of the first one's kind, at most LIMIT. */
  const parseList = (stored) => {
    let raw;
    try {
      raw = JSON.parse(stored ?? "[]");
    } catch {
      return [];
    }
    if (!Array.isArray(raw)) return [];
    const list = [];
    for (const item of raw) {
      const entry = entryOf(item);
      if (!entry || list.some((e) => e.id === entry.id)) continue;
      if (list.length > 0 && entry.kind !== list[0].kind) continue;
      list.push(entry);
      if (list.length === LIMIT) break;
    }
    return list;
  };

  /**
   * What pressing Compare on `product` does to `list`: `added` or `removed` with the new list, or,
   * leaving it as it was, `full` (LIMIT already) or `other_kind` (the list holds another kind,
   * named by `holds`), for the shopper to decide; `invalid` for a product that is not valid.
   */
  const toggle = (list, product) => {
    const entry = entryOf(product);
    if (!entry) return { outcome: "invalid", list };
    if (list.some((e) => e.id === entry.id)) return { outcome: "removed", list: list.filter((e) => e.id !== entry.id) };
    if (list.length > 0 && list[0].kind !== entry.kind) return { outcome: "other_kind", list, holds: list[0].kindName };
    if (list.length >= LIMIT) return { outcome: "full", list };
    return { outcome: "added", list: [...list, entry] };
  };

  /** The comparison page for `list`, its products in the order they were chosen. */
  const compareHref = (list) => `/compare?ids=${list.map((e) => encodeURIComponent(e.id)).join(",")}`;

  // Reading localStorage itself throws where the browser refuses storage to the site.
  const storage = () => {
    try {
      return globalThis.window?.localStorage ?? null;
    } catch {
      return null;
    }
  };

  const readList = (store = storage()) => {
    try {
      return store ? parseList(store.getItem(KEY)) : [];
    } catch {
      return [];
    }
  };

  /** Keeps `list`; whether it was kept, as a full or refused storage keeps nothing. */
  const writeList = (list, store = storage()) => {
    try {
      if (!store) return false;
      if (list.length) store.setItem(KEY, JSON.stringify(list));
      else store.removeItem(KEY);
      return true;
    } catch {
      return false;
    }
  };

  globalThis.bazaarCompare = { KEY, LIMIT, entryOf, parseList, toggle, compareHref, readList, writeList };

  const doc = globalThis.document;
  if (!doc) return;

  const tray = doc.querySelector("[data-compare-tray]");
  // A product page's toggle stands for the product on screen, which its article names (the same
  // marks recently-viewed.js reads); a results card's toggle names its own product.
  const article = doc.querySelector("[data-record-viewed]")?.dataset;
  const toggles = [];
  for (const box of doc.querySelectorAll("[data-compare-toggle]")) {
    const shown = box.dataset.productId ? box.dataset : article;
    const product = shown
      ? entryOf({
          id: shown.productId,
          title: shown.title,
          image: shown.image,
          brand: shown.brand,
          kind: box.dataset.kind,
          kindName: box.dataset.kindName,
        })
      : null;
    const check = box.querySelector("[data-compare-check]");
    if (product && check)
      toggles.push({
        box,
        check,
        product,
        words: box.querySelector("[data-compare-words]"),
        choices: box.querySelector("[data-compare-choices]"),
      });
  }

  /** Says `message` by one toggle, offering the replace-or-keep choice there; any other toggle's word is stale, so it goes. */
  const say = (by, message, offerChoice = false) => {
    for (const t of toggles) {
      const mine = t === by;
      if (t.words && (mine || t.words.textContent)) t.words.textContent = mine ? message : "";
      if (t.choices && (mine || !t.choices.hidden)) t.choices.hidden = !(mine && offerChoice);
    }
  };

  // One read of storage for the whole page, however many toggles it has.
  const draw = () => {
    const list = readList();
    if (toggles.length && storage()) {
      const chosen = new Set(list.map((e) => e.id));
      for (const t of toggles) {
        t.box.hidden = false;
        t.check.checked = chosen.has(t.product.id);
      }
    }
    if (!tray) return;
    const count = tray.querySelector("[data-compare-count]");
    const go = tray.querySelector("[data-compare-go]");
    tray.hidden = list.length === 0;
    doc.body?.classList?.toggle("has-compare-tray", list.length > 0);
    if (list.length === 0) return;
    const kind = list[0].kindName;
    if (count) count.textContent = list.length === 1 ? `1 of ${kind} chosen: add another to compare` : "";
    if (go) {
      go.hidden = list.length < 2;
      go.textContent = `Compare ${list.length} ${kind}`;
      go.setAttribute("href", compareHref(list));
    }
  };

  for (const t of toggles) {
    const { check, product } = t;
    check.addEventListener("change", () => {
      const { outcome, list, holds } = toggle(readList(), product);
      if (outcome === "other_kind") {
        check.checked = false;
        say(t, `Your compare list holds ${holds}. Products are compared with their own kind.`, true);
        return;
      }
      if (outcome === "full") {
        check.checked = false;
        say(t, `You can compare up to ${LIMIT} at a time. Remove one from your list first.`);
        return;
      }
      if (!writeList(list)) {
        check.checked = false;
        say(t, "This browser is not keeping a compare list.");
        return;
      }
      say(t, outcome === "added" ? "Added to compare." : "Removed from compare.");
      draw();
    });

    t.box.querySelector("[data-compare-replace]")?.addEventListener("click", () => {
      if (!writeList([product])) return;
      say(t, `Your compare list now holds ${product.kindName}.`);
      draw();
      check.focus?.();
    });

    t.box.querySelector("[data-compare-keep]")?.addEventListener("click", () => {
      say(t, "");
      check.focus?.();
    });
  }

  /**
   * The comparison page's products, in its order, as entries: the list to keep while it is on
   * screen. Null where the page shows no comparison (a refused link) or names a product badly.
   */
  const shownList = () => {
    const shown = doc.querySelector("[data-compare-shown]");
    if (!shown) return null;
    const list = [];
    for (const item of shown.querySelectorAll("[data-product-id]")) {
      const { productId, title, image, brand } = item.dataset;
      const entry = entryOf({ id: productId, title, image, brand, kind: shown.dataset.kind, kindName: shown.dataset.kindName });
      if (!entry || list.some((e) => e.id === entry.id)) return null;
      list.push(entry);
    }
    return list.length > 0 && list.length <= LIMIT ? list : null;
  };

  const idsOf = (list) => list.map((e) => e.id).join(",");

  /**
   * The localStorage key naming the comparison a Remove on the shopper's own comparison leads to,
   * for the page that opens it. It is kept where every tab of the browser reads it, not per tab,
   * as a Remove opened in a new tab (middle button, a modifier key, the link's menu) must count
   * too; and nothing may ride in the address, as the page is one copy for everyone.
   */
  const OWN_KEY = "bazaar:compare:own";
  /**
   * How long a mark waits for its page, in ms: long enough for a new tab to load, short enough
   * that a link opened much later, or sent by someone else, is not taken for the shopper's own.
   */
  const OWN_FOR = 60_000;

  /** Says the comparison of `list` is the shopper's own list changing, for the page that opens it next. */
  const markOwn = (list) => {
    try {
      storage()?.setItem(OWN_KEY, JSON.stringify({ ids: idsOf(list), until: Date.now() + OWN_FOR }));
    } catch {
      // unmarked, the next page offers the choice rather than changing the list by itself
    }
  };

  /**
   * Whether a Remove marked the comparison of `ids` as the shopper's own, and lately. The first
   * comparison page to open uses the mark up, whichever it shows, so a mark serves one page only.
   */
  const takeOwnMark = (ids) => {
    try {
      const store = storage();
      const marked = JSON.parse(store?.getItem(OWN_KEY) ?? "null");
      store?.removeItem(OWN_KEY);
      // A mark due later than one could be was not set here: any script can write storage.
      const wait = typeof marked?.until === "number" ? marked.until - Date.now() : -1;
      return marked?.ids === ids && wait >= 0 && wait <= OWN_FOR;
    } catch {
      return false;
    }
  };

  const shared = doc.querySelector("[data-compare-shared]");
  const sharedWords = shared?.querySelector("[data-compare-shared-words]");
  const sharedChoices = shared?.querySelector("[data-compare-shared-choices]");

  /** Offers the choice between the shopper's `kept` list and the comparison on screen, or hides it for null. */
  const offer = (kept) => {
    if (!shared) return;
    shared.hidden = !kept;
    if (!kept) return;
    const amount = kept.length === 1 ? `1 of ${kept[0].kindName}` : `${kept.length} ${kept[0].kindName}`;
    if (sharedWords) sharedWords.textContent = `Your own compare list (${amount}) is kept as it was.`;
    if (sharedChoices) sharedChoices.hidden = false;
    shared.querySelector("[data-compare-own]")?.setAttribute("href", compareHref(kept));
  };

  /**
   * Keeps the comparison page and the list in step. The page is one copy for everyone, and a link
   * someone sent opens it too, so what it shows becomes the list only where it is the shopper's
   * own: marked so by a Remove on their own comparison, or where they keep no list yet. The tray's
   * link needs no mark, as it leads to the list as kept. Any other comparison leaves the list as
   * it was and offers the choice. Only a page as it opens takes a mark (`takeMark`), not one the
   * Back button brings back from memory.
   */
  const follow = (takeMark = false) => {
    const list = shownList();
    if (!list) return;
    const own = takeMark && takeOwnMark(idsOf(list));
    const kept = readList();
    if (idsOf(kept) === idsOf(list)) return offer(null);
    if (own || kept.length === 0) {
      writeList(list);
      return offer(null);
    }
    offer(kept);
  };

  shared?.querySelector("[data-compare-adopt]")?.addEventListener("click", () => {
    const list = shownList();
    if (!list) return;
    if (sharedWords)
      sharedWords.textContent = writeList(list)
        ? "This comparison is now your compare list."
        : "This browser is not keeping a compare list.";
    if (sharedChoices) sharedChoices.hidden = true;
    // The button just pressed is gone: focus stays on the notice saying what happened.
    shared.focus?.();
  });

  // Remove on the shopper's own comparison changes their list, so it marks the page it opens as
  // theirs. On someone else's comparison it only narrows what is on screen: the shopper's list
  // stays as it was, and the next page offers the same choice for what is left. A plain click or
  // one with a modifier key fires `click`, the middle button `auxclick`, and the link's own menu
  // (where "Open in new tab" is) opens on `contextmenu`: each marks, as any may open the page.
  for (const remove of doc.querySelectorAll("[data-compare-remove]")) {
    const mark = () => {
      const list = shownList();
      if (!list || idsOf(readList()) !== idsOf(list)) return;
      markOwn(list.filter((e) => e.id !== remove.dataset.compareRemove));
    };
    for (const type of ["click", "auxclick", "contextmenu"]) remove.addEventListener(type, mark);
  }

  tray?.querySelector("[data-compare-clear]")?.addEventListener("click", () => {
    writeList([]);
    say(null, "");
    draw();
    // The tray just pressed is gone: keyboard focus goes back to the page rather than nowhere.
    doc.querySelector("main")?.focus?.({ preventScroll: true });
  });

  follow(true);
  draw();
  // A page the Back button brings back from memory, or a list changed in another tab, is drawn afresh.
  globalThis.window?.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    follow();
    draw();
  });
  globalThis.window?.addEventListener("storage", (event) => {
    if (event.key === KEY || event.key === null) draw();
  });
})();
