// "Recently viewed": the products this browser looked at, kept in localStorage and shown as a row
// of tiles on the home page and under a product page. The pages are one shared copy for everyone,
// so the server draws the row empty and hidden and this fills it in, with no request of its own.
// Prices are not kept: they move during a sale, and a tile links to the page with today's.
// Without this file (or without storage) the row stays hidden and nothing else changes.
import { CATALOG_ID, imagePath, trimmedText } from "./stored-entry.js";

(() => {
  /** The storage key; a new shape of entry gets a new version rather than misreading old ones. */
  const KEY = "bazaar:recently-viewed:v1";
  /** How many products the list keeps, newest first. */
  const LIMIT = 12;
  /**
   * An entry as kept, from whatever storage or the page held: a product id of the catalog's form
   * and a title, or null. Any script of this site, or the shopper, can rewrite storage, so nothing
   * in it is trusted as it stands.
   */
  const entryOf = (raw) => {
    if (!raw || typeof raw !== "object") return null;
    const title = trimmedText(raw.title, 200);
    if (typeof raw.id !== "string" || !CATALOG_ID.test(raw.id) || !title) return null;
    return { id: raw.id, title, image: imagePath(raw.image), brand: trimmedText(raw.brand, 100) };
  };

  /** The list a stored value holds: good entries only, one per product, at most LIMIT. */
  const parseList = (stored) => {
    let raw;
    try {
      raw = JSON.parse(stored ?? "[]");
    } catch {
      return [];
    }
    if (!Array.isArray(raw)) return [];
    const seen = new Set();
    const list = [];
    for (const item of raw) {
      const entry = entryOf(item);
      if (!entry || seen.has(entry.id)) continue;
      seen.add(entry.id);
      list.push(entry);
      if (list.length === LIMIT) break;
    }
    return list;
  };

  /** `list` with `product` first and no other entry for it, cut to LIMIT; unchanged for a product that is not valid. */
  const withProduct = (list, product) => {
    const entry = entryOf(product);
    if (!entry) return list;
    return [entry, ...list.filter((e) => e.id !== entry.id)].slice(0, LIMIT);
  };

  // Reading localStorage itself throws where the browser refuses storage to the site.
  const storage = () => {
    try {
      return globalThis.window?.localStorage ?? null;
    } catch {
      return null;
    }
  };

  /** The stored list; empty when storage is missing, unreadable or holds something else. */
  const readList = (store = storage()) => {
    try {
      return store ? parseList(store.getItem(KEY)) : [];
    } catch {
      return [];
    }
  };

  /** Keeps `list`; a full or refused storage keeps nothing, which only means no row next time. */
  const writeList = (list, store = storage()) => {
    try {
      if (list.length) store?.setItem(KEY, JSON.stringify(list));
      else store?.removeItem(KEY);
    } catch {
      // nothing to do: the row is a convenience
    }
  };

  // A tile's title as the server's cards split it (splitTitle in workers/pages/card-title.tsx).
  const titleParts = (title) => {
    const match = /^(.*\S)\s*\(([^()]*[^()\s][^()]*)\)$/.exec(title.trim());
    return match?.[1] && match[2] ? { name: match[1], variant: match[2].trim() } : { name: title, variant: null };
  };

  const element = (tag, className, words) => {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (words) e.textContent = words;
    return e;
  };

  /**
   * A tile in the markup of the server's product card (ProductCard in workers/pages/components.tsx)
   * without its price, rating or stock, all of which may have changed since the visit.
   */
  const tile = (entry) => {
    const li = element("li", "card");
    const link = element("a", "card-link");
    link.href = `/products/${encodeURIComponent(entry.id)}`;
    let thumb;
    if (entry.image) {
      thumb = element("span", "thumb pictured");
      const img = element("img");
      img.src = entry.image;
      img.alt = "";
      img.width = 200;
      img.height = 200;
      img.loading = "lazy";
      img.decoding = "async";
      thumb.append(img);
    } else {
      thumb = element("span", "thumb", (entry.brand ?? entry.title).slice(0, 1));
      thumb.setAttribute("aria-hidden", "true");
    }
    const { name, variant } = titleParts(entry.title);
    link.append(thumb, element("span", "card-title", name));
    if (variant) link.append(element("span", "card-variant", variant));
    li.append(link);
    if (entry.brand) li.append(element("p", "muted card-brand", entry.brand));
    return li;
  };

  globalThis.bazaarRecent = { KEY, LIMIT, imagePath, entryOf, parseList, withProduct, readList, writeList, tile };

  const doc = globalThis.document;
  if (!doc) return;

  // A product page says what to record on its own article, so recording costs no request.
  const shown = doc.querySelector("[data-record-viewed]")?.dataset;
  const current = shown ? entryOf({ id: shown.productId, title: shown.title, image: shown.image, brand: shown.brand }) : null;
  const row = doc.querySelector("[data-recently-viewed]");
  const items = row?.querySelector("[data-recent-items]");

  const show = () => {
    let list = readList();
    if (current) {
      list = withProduct(list, current);
      writeList(list);
    }
    if (!row || !items) return;
    const others = list.filter((e) => e.id !== current?.id);
    items.replaceChildren(...others.map(tile));
    row.hidden = others.length === 0;
  };
  show();
  // A page the Back button brings back from the browser's memory runs no script again, yet the
  // shopper has viewed other products since: record and draw it afresh.
  globalThis.window?.addEventListener("pageshow", (event) => {
    if (event.persisted) show();
  });

  row?.querySelector("[data-recent-clear]")?.addEventListener("click", () => {
    writeList([]);
    items?.replaceChildren();
    row.hidden = true;
    // The button just pressed is gone: keyboard focus goes back to the page rather than nowhere.
    doc.querySelector("main")?.focus?.({ preventScroll: true });
  });
})();
