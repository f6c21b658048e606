// Keeps the deal dashboard's figures live: remaining, sold, reserved, rates, waiting and admitted.
(() => {
  const board = document.querySelector("[data-deal-dashboard]");
  const b = window.bazaar;
  if (!board || !b) return;
  const id = board.dataset.dealDashboard;
  const cells = [...board.querySelectorAll("[data-figure]")];
  const poll = async () => {
    const r = await b.api(`/api/admin/deals/${encodeURIComponent(id)}`);
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
      board.dataset.updatedAt = new Date().toISOString();
    } else if (r.status) {
      b.notice(r.message, "error");
    }
    setTimeout(poll, r.status === 429 ? 10000 : 2000);
  };
  setTimeout(poll, 2000);
})();
