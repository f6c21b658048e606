// A page left open past an order's time to pay: at that moment its "Complete payment" gives way to
// what the server says once the time has run out (kept beside it in a <template>), since the
// payment page would only refuse the shopper now. Without scripts the page keeps the link until
// reloaded, and the payment page says why it refuses.
import { serverNow } from "./server-clock.js";

(() => {
  const swap = (panel, timeUp) => {
    // A row of the order list, read before the panel leaves the page: its own status cell follows.
    const row = panel.closest("[data-order-id]");
    const drawn = timeUp.content.firstElementChild.cloneNode(true);
    // An order paid meanwhile had order-live.js hide the panel: it stays hidden, its status as it is.
    drawn.hidden = panel.hidden;
    timeUp.remove();
    panel.replaceWith(drawn);
    if (panel.hidden) return;
    const status = timeUp.dataset.status;
    if (row) {
      const cell = row.querySelector(".status");
      if (status && cell) cell.textContent = status;
      return;
    }
    // The order page's status follows, now and at its next poll (order-live.js reads data-pay-status).
    const root = document.querySelector("[data-pay-status]");
    if (!status || !root) return;
    root.dataset.payStatus = status;
    const statusEl = root.querySelector("[data-order-status]");
    if (statusEl) statusEl.textContent = status;
  };

  // Time is kept by the server's clock, which decides the payment: a shopper's clock minutes fast or
  // slow would swap that much early or late. serverNow() runs behind the server, if at all, so the
  // swap never comes early.
  for (const panel of document.querySelectorAll("[data-pay-deadline]")) {
    const timeUp = panel.nextElementSibling;
    const deadline = Date.parse(panel.dataset.payDeadline);
    if (!(timeUp instanceof HTMLTemplateElement) || Number.isNaN(deadline)) continue;
    // The window's last millisecond still counts (paymentWindowOver), so the swap comes just after it.
    setTimeout(() => swap(panel, timeUp), Math.max(0, deadline + 1 - serverNow()));
  }
})();
