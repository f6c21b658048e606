// Keeps an order page's status and timeline current without a reload, polling gently, saying so
// when updates stop coming, and stopping once the order can no longer change. When to ask and
// what to say come from order-poll.js.
import { api } from "./api.js";

(() => {
  const root = document.querySelector("[data-order-live]");
  const rules = window.bazaarOrderPoll;
  if (!root || !rules) return;
  const id = root.dataset.orderLive;
  const statusEl = root.querySelector("[data-order-status]");
  const list = root.querySelector("[data-timeline]");
  const noticeEl = root.querySelector("[data-live-notice]");
  const explained = new Set((list?.dataset.reasonsFor || "").split(" ").filter(Boolean));
  const CANCELLABLE = new Set(["created", "payment_authorized", "confirmed", "packed"]);
  // The page's words for statuses shoppers would not recognise by name (format.ts); others read as named.
  let words = {};
  try {
    words = JSON.parse(root.dataset.statusWords || "{}");
  } catch {}
  // Steps named for what they mean rather than where they lead ("Return declined", not a second "Delivered").
  let stepWords = {};
  try {
    stepWords = JSON.parse(list?.dataset.stepWords || "{}");
  } catch {}
  const label = (s) =>
    words[s] ||
    String(s)
      .replaceAll("_", " ")
      .replace(/^./, (c) => c.toUpperCase());
  // Invoices are issued as the order ships: a page opened before then reads them once it has, and
  // draws the links as the server does (workers/pages/invoice.tsx) where the server left room.
  const invoiceSlot = root.querySelector("[data-invoice-slot]");
  let invoicesAsked = false;
  const showInvoices = async () => {
    invoicesAsked = true;
    const r = await api(`/api/orders/${encodeURIComponent(id)}/invoices`);
    // A failed read is tried again at the next poll.
    if (!r.ok || !r.data) {
      invoicesAsked = false;
      return;
    }
    const invoices = r.data.items || [];
    const creditNotes = r.data.credit_notes || [];
    if (invoices.length === 0) return;
    const section = document.createElement("section");
    section.dataset.invoiceLinks = "true";
    const heading = document.createElement("h2");
    heading.textContent = "Invoices";
    const ul = document.createElement("ul");
    for (const inv of invoices) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = `/orders/${encodeURIComponent(id)}/invoices/${encodeURIComponent(inv.id)}`;
      a.textContent = `Invoice ${inv.number}`;
      const from = document.createElement("span");
      from.className = "muted";
      from.textContent = `from ${inv.seller?.name ?? ""}`;
      li.append(a, " ", from);
      // A refund may have come as quickly: its credit note is named beside the invoice it cancels.
      const credit = creditNotes.find((n) => n.invoice?.id === inv.id);
      if (credit) {
        const note = document.createElement("a");
        note.href = `/orders/${encodeURIComponent(id)}/credit-notes/${encodeURIComponent(credit.id)}`;
        note.dataset.creditNoteLink = "true";
        note.textContent = `Credit note ${credit.number}`;
        li.append(", cancelled by ", note);
      }
      ul.append(li);
    }
    section.append(heading, ul);
    invoiceSlot.replaceWith(section);
  };
  // A return declined while the page is open: drawn as the server draws it (workers/pages/return-panel.tsx),
  // from the order's return window, so the shopper need not reload to read why.
  const returnsEl = root.querySelector("[data-returns]");
  const showDecline = (w) => {
    if (!returnsEl || w?.state !== "declined" || returnsEl.querySelector("[data-return-declined]")) return;
    const p = document.createElement("p");
    p.className = "panel error";
    p.dataset.returnDeclined = "";
    p.dataset.whileStatus = "delivered";
    p.textContent = `Your return was declined: ${w.decline_reason ?? ""}`;
    returnsEl.append(p);
  };
  // The courier and AWB, drawn as the server draws them (workers/pages/shipment-line.tsx) once ops
  // give them as the order ships or add or correct them later, so the shopper need not reload to track it.
  const shipmentSlot = root.querySelector("[data-shipment-slot]");
  const showShipment = (s) => {
    if (!shipmentSlot || !s) return;
    const drawn = shipmentSlot.querySelector("[data-shipment]");
    if (drawn?.dataset.shipment === s.carrier && drawn.querySelector("[data-shipment-number]")?.textContent === s.tracking_number) return;
    const p = document.createElement("p");
    p.dataset.shipment = s.carrier;
    const name = document.createElement("strong");
    name.dataset.shipmentCarrier = "true";
    name.textContent = s.carrier_name;
    const number = document.createElement("span");
    number.dataset.shipmentNumber = "true";
    number.textContent = s.tracking_number;
    p.append("Shipped via ", name, " · AWB ", number);
    if (s.tracking_url) {
      const a = document.createElement("a");
      a.href = s.tracking_url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.dataset.trackLink = "true";
      a.textContent = "Track your package";
      p.append(" · ", a);
    }
    shipmentSlot.replaceChildren(p);
    shipmentSlot.hidden = false;
  };
  // Said with its zone, as the server draws it: a shopper abroad, or a gift's buyer, reads their own clock otherwise.
  const when = (iso) =>
    `${new Date(iso).toLocaleString("en-IN", { timeZone: "Asia/Kolkata", dateStyle: "medium", timeStyle: "short" })} IST`;

  const render = (order) => {
    if (statusEl && order.status) {
      // A payment that waits for the shopper is what the order waits on, as the page first said;
      // past its time to pay, the page said so, and still does until the order itself moves.
      statusEl.textContent = order.payment?.redirect_url ? root.dataset.payStatus || "Awaiting payment" : label(order.status);
      statusEl.className = `status s-${order.status}`;
    }
    root.dataset.status = order.status;
    if (invoiceSlot && !invoicesAsked && (order.timeline || []).some((t) => t.to === "shipped")) showInvoices();
    // Cancelling is only offered while the parcel has not left.
    for (const form of root.querySelectorAll("form[action$='/cancel']")) form.hidden = !CANCELLABLE.has(order.status);
    showDecline(order.return_window);
    showShipment(order.shipment);
    // Panels that belong to a stage (complete your payment, thank you, payment failed, a return) follow it.
    for (const panel of root.querySelectorAll("[data-while-status]"))
      panel.hidden = !rules.showsFor(panel.dataset.whileStatus, order.status);
    const steps = (order.timeline || []).slice().sort((a, b2) => String(a.at).localeCompare(String(b2.at)));
    if (!list || steps.length === list.children.length) return;
    list.replaceChildren(
      ...steps.map((t) => {
        const li = document.createElement("li");
        li.dataset.status = t.to;
        const strong = document.createElement("strong");
        const step = `${t.from}>${t.to}`;
        strong.textContent = stepWords[step] || label(t.to);
        const time = document.createElement("time");
        time.dateTime = t.at;
        time.textContent = when(t.at);
        li.append(strong, " ", time);
        // A setback says why, as the page does; the steps that went well need no note.
        const why = t.note || t.reason;
        if (why && (explained.has(t.to) || step in stepWords)) {
          const note = document.createElement("span");
          note.className = "muted";
          note.textContent = ` — ${why}`;
          li.append(note);
        }
        return li;
      }),
    );
  };

  /** Says why updates stopped or paused (with a sign-in link when that is the fix); no text clears it. */
  const tell = (text, signIn) => {
    if (!noticeEl) return;
    noticeEl.textContent = text || "";
    if (signIn) {
      const a = document.createElement("a");
      a.href = `/signin?next=${encodeURIComponent(location.pathname)}`;
      a.textContent = "Sign in to see the latest";
      noticeEl.append(" ", a);
    }
    noticeEl.hidden = !text;
  };

  let status = root.dataset.status;
  let unchanged = 0;
  let failures = 0;
  const later = (ms) => {
    if (ms !== null) setTimeout(poll, ms);
  };
  const poll = async () => {
    // A tab in the background asks nothing until it is looked at again.
    if (document.hidden) return document.addEventListener("visibilitychange", poll, { once: true });
    const r = await api(`/api/orders/${encodeURIComponent(id)}`);
    if (r.ok && r.data) {
      failures = 0;
      tell("");
      unchanged = r.data.status === status ? unchanged + 1 : 0;
      status = r.data.status;
      render(r.data);
      return later(rules.pollDelay(status, unchanged));
    }
    const next = rules.afterFailure(r.status, r.retryAfter, failures);
    failures += 1;
    tell(next.text, next.signIn);
    later(next.retryMs);
  };
  later(rules.pollDelay(status, 0));
})();
