// Keeps the deal dashboard's figures live: remaining, sold, reserved, rates, waiting and admitted.
// The figures change every refresh, so they are not a live region; screen readers hear only the
// status line, written when the deal changes state or another quarter of its units sells.
import { api, notice } from "./api.js";

(() => {
  const board = document.querySelector("[data-deal-dashboard]");
  const announcer = document.querySelector("[data-deal-announce]");
  if (!board) return;
  const id = board.dataset.dealDashboard;
  const cells = [...board.querySelectorAll("[data-figure]")];
  const STATES = {
    scheduled: "The deal is scheduled.",
    live: "The deal is live.",
    paused: "The deal is paused: no new reserves.",
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
      for (const cell of cells) {
        const v = figures[cell.dataset.figure];
        if (v === undefined || v === null) continue;
        cell.textContent =
          cell.dataset.figure === "status"
            ? String(v)
                .replaceAll("_", " ")
                .replace(/^./, (c) => c.toUpperCase())
            : String(v);
      }
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
