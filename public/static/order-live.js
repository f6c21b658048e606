// Keeps an order page's status and timeline current without a reload, polling gently and
// stopping once the order can no longer change.
(() => {
  const root = document.querySelector("[data-order-live]");
  const b = window.bazaar;
  if (!root || !b) return;
  const id = root.dataset.orderLive;
  const statusEl = root.querySelector("[data-order-status]");
  const list = root.querySelector("[data-timeline]");
  const FINAL = new Set(["refunded", "payment_failed"]);
  const CANCELLABLE = new Set(["created", "payment_authorized", "confirmed", "packed"]);
  const label = (s) =>
    String(s)
      .replaceAll("_", " ")
      .replace(/^./, (c) => c.toUpperCase());
  const when = (iso) => new Date(iso).toLocaleString("en-IN", { timeZone: "Asia/Kolkata", dateStyle: "medium", timeStyle: "short" });

  const render = (order) => {
    if (statusEl && order.status) {
      statusEl.textContent = label(order.status);
      statusEl.className = `status s-${order.status}`;
    }
    root.dataset.status = order.status;
    // Cancelling is only offered while the parcel has not left.
    for (const form of root.querySelectorAll("form[action$='/cancel']")) form.hidden = !CANCELLABLE.has(order.status);
    const steps = (order.timeline || []).slice().sort((a, b2) => String(a.at).localeCompare(String(b2.at)));
    if (!list || steps.length === list.children.length) return;
    list.replaceChildren(
      ...steps.map((t) => {
        const li = document.createElement("li");
        li.dataset.status = t.to;
        const strong = document.createElement("strong");
        strong.textContent = label(t.to);
        const time = document.createElement("time");
        time.dateTime = t.at;
        time.textContent = when(t.at);
        li.append(strong, " ", time);
        return li;
      }),
    );
  };

  let delay = 3000;
  const poll = async () => {
    if (document.hidden) return setTimeout(poll, delay);
    const r = await b.api(`/api/orders/${encodeURIComponent(id)}`);
    if (r.ok && r.data) {
      render(r.data);
      delay = 3000;
      if (FINAL.has(r.data.status)) return;
    } else {
      delay = Math.min(delay * 2, 30000);
    }
    setTimeout(poll, delay);
  };
  setTimeout(poll, delay);
})();
