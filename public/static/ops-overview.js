// The ops overview's figures, read again every half minute from the API the page was drawn from:
// each number, the longest waits (their age and the order they link to), the orders placed each
// minute, the deals' units left, and when they were read. The figures change on every read, so
// they are not a live region; a failed read says so in the page's notice and leaves the last
// figures in place.
import { api, notice, retryAfterMs } from "./api.js";

(() => {
  const board = document.querySelector("[data-ops-overview]");
  if (!board) return;
  const every = Number(board.dataset.refreshSeconds || 30) * 1000;
  const at = (data, path) => path.split(".").reduce((v, key) => (v == null ? undefined : v[key]), data);
  // The server's words for a wait (format.ts, waitedFor), so a reload reads as the page was drawn.
  const waitedFor = (ms) => {
    const minutes = Math.floor(Math.max(0, ms) / 60000);
    if (minutes < 1) return "under a minute";
    if (minutes < 60) return `${minutes} min`;
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
    return hours % 24 ? `${Math.floor(hours / 24)} d ${hours % 24} h` : `${Math.floor(hours / 24)} d`;
  };
  const readAtText = (iso) => new Date(iso).toLocaleTimeString("en-IN", { timeZone: "Asia/Kolkata", timeStyle: "medium" });
  const clockTime = (iso) => new Date(iso).toLocaleTimeString("en-IN", { timeZone: "Asia/Kolkata", timeStyle: "short" });
  const count = (n) => n.toLocaleString("en-IN");
  // The consoles' words for a deal (dealStatusWords in workers/pages/components.tsx): one still to come
  // reads "Upcoming" and one past its start "Live" by its times, before the cron moves its row.
  const dealWords = (d, now) => {
    if (d.status !== "scheduled" && d.status !== "live") return d.status.replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase());
    if (Date.parse(d.starts_at) > now) return "Upcoming";
    return Date.parse(d.ends_at) <= now ? "Ended" : "Live";
  };
  // The chart's caption in the server's words (order-rate-chart.tsx, rateSummary).
  const rateSummary = (minutes) => {
    const now = minutes.at(-1);
    const busiest = minutes.reduce((best, m) => (m.placed > (best?.placed ?? 0) ? m : best), undefined);
    if (!now || !busiest) return "No orders placed in the last 60 minutes.";
    return `Busiest minute: ${clockTime(busiest.minute)}, ${count(busiest.placed)} ${busiest.placed === 1 ? "order" : "orders"}. This minute so far: ${count(now.placed)}.`;
  };

  // The orders placed each minute, drawn again as order-rate-chart.tsx draws them: the bars against
  // the busiest minute, the caption, and the table read out in place of the bars.
  const drawRate = (minutes) => {
    const chart = board.querySelector("[data-per-minute]");
    if (!chart || !Array.isArray(minutes)) return;
    const height = Number(chart.dataset.barHeight || 60);
    const most = Math.max(1, ...minutes.map((m) => m.placed));
    for (const bar of chart.querySelectorAll("rect[data-bar]")) {
      const placed = minutes[Number(bar.dataset.bar)]?.placed ?? 0;
      const h = Math.round((placed / most) * height * 10) / 10;
      bar.setAttribute("y", String(height - h));
      bar.setAttribute("height", String(h));
    }
    for (const row of chart.querySelectorAll("tr[data-minute-row]")) {
      const m = minutes[Number(row.dataset.minuteRow)];
      const minute = row.querySelector("th");
      const placed = row.querySelector("td");
      if (!m || !minute || !placed) continue;
      minute.textContent = clockTime(m.minute);
      placed.textContent = count(m.placed);
    }
    const summary = chart.querySelector("[data-rate-summary]");
    if (summary) summary.textContent = rateSummary(minutes);
    const from = chart.querySelector("[data-rate-from]");
    const to = chart.querySelector("[data-rate-to]");
    if (from && minutes[0]) from.textContent = clockTime(minutes[0].minute);
    if (to && minutes.length > 0) to.textContent = `${clockTime(minutes.at(-1).minute)} (so far)`;
  };

  const show = (o) => {
    // A count that reached the answer's cap reads as the cap with a plus (format.ts, countUpTo).
    const capped = new Set(o.capped ?? []);
    for (const cell of board.querySelectorAll("[data-figure]")) {
      const v = at(o, cell.dataset.figure);
      if (typeof v === "number") cell.textContent = `${v.toLocaleString("en-IN")}${capped.has(cell.dataset.figure) ? "+" : ""}`;
    }
    for (const cell of board.querySelectorAll("[data-wait]")) {
      const wait = at(o, cell.dataset.wait);
      const link = cell.querySelector("a");
      const none = cell.querySelector("[data-wait-none]");
      if (link) link.hidden = !wait;
      if (none) none.hidden = Boolean(wait);
      if (!wait || !link) continue;
      cell.dataset.since = wait.since;
      link.setAttribute("href", `/ops/orders/${encodeURIComponent(wait.order_id)}`);
      const text = link.querySelector("[data-wait-text]");
      if (text) text.textContent = waitedFor(Date.parse(o.read_at) - Date.parse(wait.since));
    }
    const drawn = board.querySelector("[data-deal-ids]")?.dataset.dealIds ?? "";
    const deals = o.deals ?? [];
    for (const d of deals) {
      const row = board.querySelector(`tr[data-deal="${d.id}"]`);
      if (!row) continue;
      const status = row.querySelector('[data-deal-figure="status"]');
      const left = row.querySelector('[data-deal-figure="remaining"]');
      if (status) status.textContent = dealWords(d, Date.parse(o.read_at));
      if (left) left.textContent = d.remaining === null ? "not known" : d.remaining.toLocaleString("en-IN");
    }
    // A deal that opened for sale or ended since the page was drawn has no row to update: say so.
    const changed = board.querySelector("[data-deals-changed]");
    if (changed) changed.hidden = deals.map((d) => d.id).join(" ") === drawn;
    drawRate(o.orders?.per_minute);
    const read = board.querySelector("[data-read-at]");
    if (read) {
      read.setAttribute("datetime", o.read_at);
      read.textContent = readAtText(o.read_at);
    }
  };

  const poll = async () => {
    const r = await api("/api/admin/overview");
    if (r.ok && r.data) show(r.data);
    else notice(`The figures could not be read again. ${r.message}`, "error");
    // Asked to slow down, it waits as long as it was asked to, and never less than the usual round.
    setTimeout(poll, Math.max(every, (r.status === 429 && retryAfterMs(r.retryAfter)) || 0));
  };
  setTimeout(poll, every);
})();
