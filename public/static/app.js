// Progressive enhancement shared by every page: who is signed in, the cart count, search
// suggestions, live countdowns, add-to-cart without a reload and clear error messages.
// Every page works without this file; it only makes them quicker to use.
import { api, csrf, notice } from "./api.js";
import { serverNow } from "./server-clock.js";

(() => {
  // Forms on pages shared by everyone carry an empty token; fill it from the readable cookie.
  for (const input of document.querySelectorAll("input[data-csrf]")) if (!input.value) input.value = csrf();

  // A flash-deal line in the cart needs a turn from the deal's waiting room; where this tab holds
  // one still open (the waiting room keeps it here, with when it ends), the line says so rather
  // than sending the shopper back to a line they are through.
  for (const note of document.querySelectorAll("[data-deal-note]")) {
    const dealId = note.dataset.dealNote;
    const until = Date.parse(sessionStorage.getItem(`wr-admission-until:${dealId}`) || "");
    // The turn ends by the server's clock, as the checkout that refuses it keeps time.
    if (!sessionStorage.getItem(`wr-admission:${dealId}`) || until <= serverNow()) continue;
    for (const el of note.querySelectorAll("[data-needs-turn]")) el.hidden = true;
    for (const el of note.querySelectorAll("[data-has-turn]")) el.hidden = false;
  }

  // checkout.js keeps the address typed at checkout for the way through sign-in and back; anywhere
  // else it is not needed, and a tab passed to someone else should not hold it.
  if (location.pathname !== "/checkout" && location.pathname !== "/signin") sessionStorage.removeItem("checkout-address");

  // An invoice or credit note printed, or saved as a PDF from the print dialog, for the shopper's records.
  for (const button of document.querySelectorAll("button[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }

  // Who is signed in, and which consoles they may open.
  const consoles = [
    ["seller", "/seller", "Seller"],
    ["deal_manager", "/deals-console", "Deals console"],
    ["ops", "/ops", "Ops"],
  ];
  // On a sale day every page view of the herd would otherwise cost two API calls. The readable
  // CSRF cookie exists only in a signed-in session, so guests never ask who they are, and a
  // session's roles are remembered for this tab under its token.
  const showAccount = (me) => {
    const signedIn = Boolean(me);
    for (const el of document.querySelectorAll("[data-signed-in]")) el.hidden = !signedIn;
    for (const el of document.querySelectorAll("[data-signed-out]")) el.hidden = signedIn;
    const slot = document.querySelector("[data-console-links]");
    if (signedIn && slot && !slot.children.length && Array.isArray(me.roles)) {
      for (const [role, href, label] of consoles) {
        if (!me.roles.includes(role)) continue;
        const a = document.createElement("a");
        a.href = href;
        a.textContent = label;
        slot.append(a, " ");
      }
    }
  };
  const remember = (key, maxAgeMs, load) => {
    try {
      const hit = JSON.parse(sessionStorage.getItem(key) || "null");
      if (hit && Date.now() - hit.at < maxAgeMs) return Promise.resolve(hit.value);
    } catch {
      // unreadable entry: load afresh
    }
    return load().then((value) => {
      if (value !== undefined) sessionStorage.setItem(key, JSON.stringify({ at: Date.now(), value }));
      return value;
    });
  };
  const session = csrf();
  if (!session) showAccount(null);
  else
    remember(`bazaar:me:${session.slice(0, 16)}`, 600_000, () => api("/api/me").then((r) => (r.ok ? { roles: r.data.roles } : null))).then(
      showAccount,
    );

  const countEl = document.querySelector("[data-cart-count]");
  const CART_KEY = `bazaar:cart:${session.slice(0, 16)}`;
  const countOf = (cart) => (cart && Array.isArray(cart.items) ? cart.items.reduce((sum, line) => sum + (line.qty || 0), 0) : undefined);
  const showCount = (n) => {
    if (countEl && typeof n === "number") countEl.textContent = n ? String(n) : "";
  };
  // The count is re-read at most once a minute per tab, and at once after this tab changes the cart
  // (pages that change it by plain form post count too).
  if (/^\/(cart|checkout|orders)/.test(location.pathname)) sessionStorage.removeItem(CART_KEY);
  remember(CART_KEY, 60_000, () => api("/api/cart").then((r) => (r.ok ? countOf(r.data) : undefined))).then(showCount);

  // Messages new since the shopper last opened Updates: re-read at most once a minute per tab.
  // Opening Updates records the newest message shown as seen, and the badge clears at once.
  const unreadEl = document.querySelector("[data-updates-unread]");
  const UNREAD_KEY = `bazaar:unread:${session.slice(0, 16)}`;
  const showUnread = (u) => {
    if (!unreadEl || !u || typeof u.unread !== "number") return;
    unreadEl.textContent = u.unread ? `${u.unread}${u.more ? "+" : ""}` : "";
    const link = unreadEl.closest("a");
    if (link) link.setAttribute("aria-label", u.unread ? `Updates, ${u.unread}${u.more ? " or more" : ""} new` : "Updates");
  };
  const newest = document.querySelector("[data-updates-newest]");
  if (session && newest) {
    api("/api/notifications/seen", { method: "PUT", body: { up_to: newest.dataset.updatesNewest } }).then((r) => {
      if (!r.ok) return;
      const none = { unread: 0, more: false };
      sessionStorage.setItem(UNREAD_KEY, JSON.stringify({ at: Date.now(), value: none }));
      showUnread(none);
    });
  } else if (session && unreadEl) {
    remember(UNREAD_KEY, 60_000, () => api("/api/notifications/unread").then((r) => (r.ok ? r.data : undefined))).then(showUnread);
  }

  // Add to cart without leaving the page.
  for (const form of document.querySelectorAll("form[data-add-to-cart]")) {
    const label = form.querySelector("button")?.textContent;
    let labelTimer = 0;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const id = String(data.get("listing_id"));
      // The page's own form is a GET to the confirming page; scripts skip that step.
      const qty = Number(data.get("qty") || 1);
      const button = form.querySelector("button");
      // Marked busy rather than disabled: a disabled button drops keyboard focus to the page's top.
      if (form.dataset.busy === "true") return;
      const done = () => {
        delete form.dataset.busy;
        button?.removeAttribute("aria-disabled");
      };
      form.dataset.busy = "true";
      button?.setAttribute("aria-disabled", "true");
      // Adding puts the quantity on top of what the cart already holds (the API sets a quantity).
      const current = await api("/api/cart");
      const held = current.ok ? (current.data.items.find((l) => l.listing_id === id) || { qty: 0 }).qty : 0;
      // One order takes at most 10 of an item: past that the cart is not changed, and the shopper is told.
      const put = Math.min(10, held + qty);
      if (put === held && held > 0) {
        done();
        notice("Your cart holds 10 of this already: one order takes at most 10 of an item.", "info", { href: "/cart", text: "View cart" });
        return;
      }
      const r = await api(`/api/cart/items/${encodeURIComponent(id)}`, { method: "PUT", body: { qty: put } });
      done();
      if (r.ok) {
        // The cart says when fewer can be bought than it now holds (stock left, or a deal's limit).
        const line = r.data?.items?.find((l) => l.listing_id === id);
        const words =
          line && typeof line.max_qty === "number" && line.max_qty < line.qty
            ? `Added, but only ${line.max_qty} can be bought in one order now: lower the quantity in your cart to check out.`
            : put < held + qty
              ? `Added ${put - held}: your cart holds 10 now, the most one order takes of an item.`
              : "Added to your cart.";
        notice(words, "info", { href: "/cart", text: "View cart" });
        // The notice is at the page's top, off a phone's screen by the buy box: the button itself
        // says it worked for a moment, where the shopper is looking.
        if (button && label) {
          button.textContent = "Added to cart";
          clearTimeout(labelTimer);
          labelTimer = setTimeout(() => {
            button.textContent = label;
          }, 2500);
        }
        sessionStorage.removeItem(CART_KEY);
        remember(CART_KEY, 60_000, () => api("/api/cart").then((c) => (c.ok ? countOf(c.data) : undefined))).then(showCount);
      } else {
        notice(r.message, "error");
      }
    });
  }

  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }

  // A deal's parts change over at its start and end without a reload. The element holding them
  // names the phase drawn and the deal's times; each part carries what it shows in the phases to
  // come, in the server's words: a text, a time to count down to, or a control to switch off.
  const PHASES = ["upcoming", "live", "ended"];
  const changeOver = (now) => {
    for (const deal of document.querySelectorAll("[data-deal-phase]")) {
      const due = now < Date.parse(deal.dataset.startsAt) ? 0 : now < Date.parse(deal.dataset.endsAt) ? 1 : 2;
      // Every phase in between, in order: a tab asleep through the whole deal wakes to it ended.
      for (let i = PHASES.indexOf(deal.dataset.dealPhase) + 1; i <= due; i++) {
        const phase = PHASES[i];
        deal.dataset.dealPhase = phase;
        for (const el of deal.querySelectorAll(`[data-${phase}-to]`)) {
          el.setAttribute("datetime", el.getAttribute(`data-${phase}-to`));
          el.dataset.countdown = el.getAttribute(`data-${phase}-to`);
        }
        for (const el of deal.querySelectorAll(`[data-${phase}-text]`)) el.textContent = el.getAttribute(`data-${phase}-text`);
        // A part that has no use from this phase on (a reminder of the opening) goes.
        for (const el of deal.querySelectorAll(`[data-${phase}-hide]`)) el.hidden = true;
        // And one that only then has a use (the way on to other deals) comes.
        for (const el of deal.querySelectorAll(`[data-${phase}-show]`)) el.hidden = false;
        for (const el of deal.querySelectorAll(`[data-${phase}-off]`)) {
          // A link cannot be disabled: without its address it leads nowhere.
          if (el.matches("a")) {
            el.removeAttribute("href");
            el.setAttribute("aria-disabled", "true");
          } else el.disabled = true;
        }
      }
    }
  };

  // Countdowns tick every second; the server-rendered date stays for people without scripts. They
  // keep the server's time: a clock minutes fast would open a deal early and lapse a hold with time left.
  const pad = (n) => String(n).padStart(2, "0");
  const tick = () => {
    const now = serverNow();
    changeOver(now);
    // Looked up each time: a deal's change-over retargets some and replaces others.
    for (const el of document.querySelectorAll("[data-countdown]")) {
      const left = Math.max(0, Date.parse(el.dataset.countdown) - now);
      const s = Math.floor(left / 1000);
      const d = Math.floor(s / 86400);
      el.textContent = `${d ? `${d}d ` : ""}${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
      // A held deal unit's last minute is said once to a screen reader, which does not hear the clock tick.
      const warning = left > 0 && left <= 60_000 ? el.closest("[data-lapses]")?.querySelector("[data-hold-warning]") : null;
      if (warning && !warning.textContent) warning.textContent = warning.dataset.holdWarning;
      // A held deal unit's clock at zero: its panel says the hold ran out, as a reload would.
      const box = left === 0 ? el.closest("[data-lapses]") : null;
      if (box && box.dataset.holdState !== "lapsed") {
        box.dataset.holdState = "lapsed";
        box.className = "panel error";
        box.setAttribute("role", "alert");
        for (const part of box.querySelectorAll("[data-until-lapse]")) part.hidden = true;
        for (const part of box.querySelectorAll("[data-after-lapse]")) part.hidden = false;
      }
    }
  };
  if (document.querySelector("[data-countdown]") || document.querySelector("[data-deal-phase]")) {
    // The server draws a date after the label ("Opens 6 Dec"); a countdown takes "Opens in".
    for (const el of document.querySelectorAll("[data-ticking-text]")) el.textContent = el.dataset.tickingText;
    tick();
    setInterval(tick, 1000);
  }

  // Search suggestions: queries, products, brands and categories, with full keyboard use.
  const searchForm = document.querySelector("form[data-autocomplete]");
  const input = searchForm?.querySelector("input[name=q]");
  const list = searchForm?.querySelector("[role=listbox]");
  if (input && list) {
    let timer = 0;
    let active = -1;
    let items = [];
    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    };
    // Each suggestion carries the page it opens, so choosing a product never searches for its title.
    const go = (item) => {
      location.href = item.href;
    };
    const render = () => {
      list.replaceChildren(
        ...items.map((item, i) => {
          const li = document.createElement("div");
          li.id = `q-opt-${i}`;
          li.setAttribute("role", "option");
          li.setAttribute("aria-selected", String(i === active));
          li.textContent = item.text;
          if (item.kind !== "query") {
            const kind = document.createElement("span");
            kind.className = "kind";
            kind.textContent = item.kind;
            li.append(kind);
          }
          li.addEventListener("mousedown", (e) => {
            e.preventDefault();
            go(item);
          });
          return li;
        }),
      );
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", String(items.length > 0));
      if (active >= 0) input.setAttribute("aria-activedescendant", `q-opt-${active}`);
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2) return close();
      timer = setTimeout(async () => {
        const r = await api(`/api/autocomplete?q=${encodeURIComponent(q)}`);
        if (input.value.trim() !== q) return;
        items = r.ok && window.bazaarSuggestions ? window.bazaarSuggestions.suggestionLinks(r.data) : [];
        active = -1;
        render();
      }, 150);
    });
    input.addEventListener("keydown", (e) => {
      if (list.hidden) return;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        active = (active + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
        render();
      } else if (e.key === "Enter" && active >= 0 && items[active]) {
        e.preventDefault();
        go(items[active]);
      } else if (e.key === "Escape") {
        // Closes the suggestions and keeps the words: a search box's own Escape would clear them.
        e.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
  }
})();
