// The deals console's scripts. The deal dashboard's figures are kept live: status, remaining,
// sold, reserved, rates, joins, waiting and admitted, and the controls offered follow the status.
// The figures change every refresh, so they are not a live region; screen readers hear only the
// status line, written when the deal changes state or another quarter of its units sells. The
// create form's units hint follows a listing id typed by hand.
import { api, notice } from "./api.js";

(() => {
  const board = document.querySelector("[data-deal-dashboard]");
  const announcer = document.querySelector("[data-deal-announce]");
  if (!board) return;
  const id = board.dataset.dealDashboard;
  const cells = [...board.querySelectorAll("[data-figure]")];
  // The page's words for each status and, on each control, the statuses it applies to: the rules
  // are the server's (deal-controls.tsx), so the page reads the same with and without this script.
  const WORDS = JSON.parse(board.dataset.statusWords || "{}");
  const controls = [...document.querySelectorAll("form[data-applies-to]")];
  const STATES = {
    scheduled: "The deal is scheduled.",
    live: "The deal is live.",
    paused: "The deal is paused: no new reserves.",
    paused_past_end: "The deal's end time has passed while it was paused: end it to return its unsold units to stock.",
    past_end: "The deal's end time has passed: end it to return its unsold units to stock.",
    sold_out: "The deal is sold out.",
    ended: "The deal has ended.",
  };
  const QUARTERS = [
    "",
    "A quarter of the units are sold",
    "Half the units are sold",
    "Three quarters of the units are sold",
    "Every unit is sold",
  ];
  const quarterOf = (sold, units) => (units > 0 && sold >= 0 ? Math.min(4, Math.floor((sold / units) * 4)) : 0);
  // The page was drawn with these, so only a change since the page loaded is news.
  let status = board.dataset.status || "";
  let quarter = quarterOf(Number(board.dataset.sold), Number(board.dataset.units));
  // The units ending the deal would return, in the words the server uses (deal-controls.tsx).
  const unsold = (n) =>
    typeof n === "number" ? `${n.toLocaleString("en-IN")} ${n === 1 ? "unsold unit" : "unsold units"}` : "its unsold units";
  // Words that name the unsold units follow them; others are written only when the status changes,
  // as a scheduled deal's countdown ticks in between (app.js).
  const countsUnsold = (next) => (WORDS[next] ?? "").includes("{unsold}");
  const showStatus = (cell, next, opensAt, remaining) => {
    const words = (WORDS[next] ?? next.replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase())).replace("{unsold}", unsold(remaining));
    if (next !== "scheduled" || !opensAt) {
      cell.replaceChildren(words);
      return;
    }
    const time = document.createElement("time");
    time.setAttribute("datetime", opensAt);
    time.dataset.countdown = opensAt;
    cell.replaceChildren(`${words} `, time);
  };
  const offer = (next) => {
    for (const form of controls) form.hidden = !form.dataset.appliesTo.split(" ").includes(next);
  };
  const news = (figures) => {
    const next = figures.status ? String(figures.status) : status;
    const sold = Number(figures.sold);
    const q = quarterOf(sold, Number(figures.units));
    let text = "";
    if (next !== status && STATES[next]) text = STATES[next];
    else if (q > quarter) text = `${QUARTERS[q]}: ${sold} of ${figures.units}.`;
    status = next;
    quarter = Math.max(quarter, q);
    return text;
  };
  const poll = async () => {
    const r = await api(`/api/admin/deals/${encodeURIComponent(id)}`);
    if (r.ok && r.data) {
      const figures = { ...r.data, ...(r.data.figures || {}) };
      const next = figures.status ? String(figures.status) : status;
      for (const cell of cells) {
        const v = figures[cell.dataset.figure];
        if (v === undefined || v === null) continue;
        if (cell.dataset.figure !== "status") cell.textContent = String(v);
        else if (next !== status || countsUnsold(next)) showStatus(cell, next, figures.starts_at, figures.remaining);
      }
      if (next !== status) offer(next);
      const text = news(figures);
      if (text && announcer) announcer.textContent = text;
      board.dataset.updatedAt = new Date().toISOString();
    } else if (r.status) {
      notice(r.message, "error");
    }
    setTimeout(poll, r.status === 429 ? 10000 : 2000);
  };
  setTimeout(poll, 2000);
})();

// A listing id typed or pasted into the create form gets what a picked offer gets from the page:
// the units a deal can carve beside the units field, and that figure as the field's max. The
// words are the page's own (deal-form.tsx); while the listing's stock is not known the hint shows
// the page's words for that, so it never shows another listing's figure. Without scripts the
// figure comes with a pick or a refused create.
(() => {
  const listing = document.querySelector('input[name="listing_id"]');
  const units = document.querySelector('input[name="units"]');
  const hint = document.querySelector("p[data-units-hint]");
  if (!listing || !units || !hint) return;
  const LISTING_ID = /^[A-Za-z0-9_-]{1,64}$/;
  const unitsInWords = (n) => `${n.toLocaleString("en-IN")} ${n === 1 ? "unit" : "units"}`;
  const show = (stock) => {
    if (!stock) {
      units.removeAttribute("max");
      hint.removeAttribute("data-deal-units");
      hint.textContent = hint.dataset.unitsHint;
      return;
    }
    const n = stock.deal_units;
    units.setAttribute("max", String(n));
    hint.setAttribute("data-deal-units", String(n));
    const split =
      stock.available > n
        ? ` (of ${unitsInWords(stock.available)} across ${stock.warehouses} warehouses: a deal takes its units from one).`
        : ".";
    hint.textContent =
      n === 0 ? "The listing has no units to carve for a deal." : `Up to ${unitsInWords(n)} can be carved from the listing's stock${split}`;
  };
  // The listing the hint describes or is being read for; null once the field has moved off it.
  let current = hint.dataset.dealUnits === undefined ? null : listing.value.trim();
  const update = async (id) => {
    if (id === current) return;
    current = id;
    show(null);
    if (!LISTING_ID.test(id)) return;
    const r = await api(`/api/admin/inventory/deal-units?listing_id=${encodeURIComponent(id)}`);
    // The field moved on while this was read: the figure is another listing's.
    if (current !== id) return;
    const item = r.ok ? r.data?.items?.find((i) => i.listing_id === id) : undefined;
    // An unknown or withdrawn listing reads as zeros; it is not one a deal can carve from.
    if (item?.active) show(item);
  };
  // The picked offer's name and price beside the fields describe its listing alone: hidden while
  // the field holds another id, shown again if the manager goes back to it.
  const chosen = document.querySelectorAll("[data-chosen-for]");
  const showChosen = (id) => {
    for (const h of chosen) h.hidden = h.dataset.chosenFor !== id;
  };
  let typing;
  listing.addEventListener("input", () => {
    clearTimeout(typing);
    const id = listing.value.trim();
    showChosen(id);
    if (id === current) return;
    current = null;
    show(null);
    // Wait for a pause in typing, so a read is made for an id, not for each letter of it.
    if (LISTING_ID.test(id)) typing = setTimeout(() => update(id), 300);
  });
  listing.addEventListener("change", () => {
    clearTimeout(typing);
    showChosen(listing.value.trim());
    update(listing.value.trim());
  });
  // A form drawn again after a refusal may hold a typed id whose stock the page did not read.
  update(listing.value.trim());
})();
