// The waiting room: join once, keep the ticket for this tab, show place in line and wait live
// once the deal opens, and on admission put the deal in the cart and go straight to checkout.
(() => {
  const page = document.querySelector("[data-deal-id]");
  const b = window.bazaar;
  if (!page || !b) return;
  const dealId = page.dataset.dealId;
  const listingId = page.dataset.listingId;
  const key = `wr-ticket:${dealId}`;
  const joinButton = page.querySelector("[data-wr-join]");
  const message = page.querySelector("[data-wr-message]");
  const figures = page.querySelector("[data-wr-figures]");
  const position = page.querySelector("[data-wr-position]");
  const eta = page.querySelector("[data-wr-eta]");
  let timer = 0;
  // How long to wait before asking again for units that are all held (the hold's Retry-After).
  const HELD_RETRY_MS = 5000;
  // Set while an admitted shopper waits for held units, so each retry does not flash "your turn".
  let heldOut = false;

  const say = (text) => {
    if (message) message.textContent = text;
  };
  const minutes = (s) => (s < 60 ? `${Math.max(1, Math.round(s))} seconds` : `about ${Math.round(s / 60)} minutes`);

  // Shows a waiting-room answer; resolves to whether to poll again (a number: after that many ms).
  const show = async (state) => {
    page.dataset.wrStatus = state.status;
    if (state.status === "waiting" && state.paused) {
      say("The deal is paused for a moment. Keep this page open to keep your place.");
      return true;
    }
    if (state.status === "waiting") {
      // Before the start nobody has a place yet: the pre-queue is let in in an order drawn at random.
      const drawn = typeof state.position === "number";
      if (figures) figures.hidden = !drawn;
      if (position) position.textContent = drawn ? state.position.toLocaleString("en-IN") : "—";
      if (eta) eta.textContent = typeof state.eta_seconds === "number" ? minutes(state.eta_seconds) : "—";
      say(
        drawn
          ? "You are in line. We will let you in automatically."
          : "You are in the pre-queue. Places in line are drawn at random when the deal opens; keep this page open.",
      );
      return true;
    }
    if (figures) figures.hidden = true;
    if (state.status === "admitted") {
      if (!heldOut) say("It's your turn! Taking you to checkout…");
      const token = state.admission_token || "";
      // Hold a unit at once, so the shopper's turn is not lost while they type an address.
      const held = await b.api(`/api/deals/${encodeURIComponent(dealId)}/hold`, {
        method: "POST",
        body: { admission_token: token, qty: 1 },
      });
      if (!held.ok) {
        const reason = held.status === 409 ? held.data?.reason : "";
        if (reason === "sold_out" && held.data?.type === "/problems/sold-out") return show({ status: "sold_out" });
        if (reason === "ended") return show({ status: "ended" });
        // Held units come back when their holds lapse or are let go: the shopper keeps their turn
        // and the next poll, with a fresh admission, asks again.
        if (reason === "all_held" || reason === "paused" || reason === "not_live") {
          heldOut = true;
          say(
            reason === "all_held"
              ? "Every unit is held by shoppers checking out. Units may come back if they do not buy; keep this page open and we will try again."
              : "The deal is paused for a moment. Keep this page open to keep your place.",
          );
          return HELD_RETRY_MS;
        }
        say(held.message);
        return false;
      }
      const added = listingId
        ? await b.api(`/api/cart/items/${encodeURIComponent(listingId)}`, { method: "PUT", body: { qty: 1 } })
        : { ok: true };
      if (!added.ok) {
        say(added.message);
        return false;
      }
      sessionStorage.setItem(`wr-admission:${dealId}`, token);
      location.href = `/checkout?admission_token=${encodeURIComponent(token)}&deal=${encodeURIComponent(dealId)}`;
      return false;
    }
    if (state.status === "expired") {
      // The turn lapsed unused: the old ticket is spent, and joining again starts a new place.
      sessionStorage.removeItem(key);
      say("Your time to check out ran out before the order was placed. Join again for a new place in line.");
      if (joinButton) joinButton.hidden = false;
      return false;
    }
    if (state.status === "sold_out") {
      say("Sold out. Every unit of this deal has been claimed. Sorry!");
      page.dataset.wrStatus = "sold_out";
    } else if (state.status === "ended") say("This deal has ended.");
    else if (state.status === "paused") {
      say("The deal is paused for a moment. Keep this page open to keep your place.");
      return true;
    } else say("We could not read the waiting room. Keep this page open and we will try again.");
    sessionStorage.removeItem(key);
    if (joinButton) joinButton.hidden = true;
    return false;
  };

  const poll = async () => {
    const ticket = sessionStorage.getItem(key);
    if (!ticket) return;
    const r = await b.api(`/api/deals/${encodeURIComponent(dealId)}/queue`, { headers: { "x-waiting-room-ticket": ticket } });
    let again = true;
    let delay = 2000;
    if (r.ok && r.data) {
      again = await show(r.data);
      if (typeof again === "number") delay = again;
    } else if (r.status === 409 && r.data)
      again = await show({ status: /sold/i.test(r.data.type || r.data.detail || "") ? "sold_out" : "ended" });
    else {
      say(r.message);
      delay = r.status === 429 || r.status === 503 ? 5000 : 3000;
    }
    if (again) timer = setTimeout(poll, delay);
  };

  const join = async () => {
    if (joinButton) joinButton.disabled = true;
    say("Joining the waiting room…");
    const r = await b.api(`/api/deals/${encodeURIComponent(dealId)}/queue`, { method: "POST", body: {} });
    if (joinButton) joinButton.disabled = false;
    if (!r.ok || !r.data) {
      if (r.status === 409) return show({ status: "sold_out" });
      return say(r.message);
    }
    if (r.data.ticket) sessionStorage.setItem(key, r.data.ticket);
    if (joinButton) joinButton.hidden = true;
    const again = await show(r.data);
    if (again) timer = setTimeout(poll, typeof again === "number" ? again : 2000);
  };

  if (joinButton) {
    joinButton.hidden = false;
    joinButton.addEventListener("click", join);
  }
  if (sessionStorage.getItem(key)) {
    if (joinButton) joinButton.hidden = true;
    poll();
  }
  window.addEventListener("pagehide", () => clearTimeout(timer));
})();
