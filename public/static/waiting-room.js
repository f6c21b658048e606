// The waiting room: join once, keep the ticket for this browser, show place in line and wait live
// once the deal opens, and on admission put the deal in the cart and go straight to checkout.
import { api, csrf, problemText, retryAfterMs } from "./api.js";

(() => {
  const page = document.querySelector("[data-deal-id]");
  if (!page) return;
  const dealId = page.dataset.dealId;
  const listingId = page.dataset.listingId;
  const key = `wr-ticket:${dealId}`;
  // The ticket is kept for the browser, not the tab: a second tab or a reload shows the same place
  // in line, and joining again presents it, so the shopper is never counted twice.
  const tickets = window.localStorage || sessionStorage;
  // The page renders a link to the waiting room's own page, which works without this script; here
  // joining happens in place, so the link becomes a button that joins.
  const joinLink = page.querySelector("[data-wr-join]");
  let joinButton = null;
  if (joinLink) {
    joinButton = document.createElement("button");
    joinButton.type = "button";
    joinButton.className = "primary";
    joinButton.textContent = joinLink.textContent.trim();
    // It keeps the link's marks, such as the one app.js switches it off by when the deal ends.
    Object.assign(joinButton.dataset, joinLink.dataset);
    joinLink.replaceWith(joinButton);
  }
  const message = page.querySelector("[data-wr-message]");
  const figures = page.querySelector("[data-wr-figures]");
  const position = page.querySelector("[data-wr-position]");
  const eta = page.querySelector("[data-wr-eta]");
  let timer = 0;
  // How long to wait before asking again for units that are all held (the hold's Retry-After).
  const HELD_RETRY_MS = 5000;
  // How long to wait after a busy answer that does not say (Retry-After), and at most in any case.
  const BUSY_RETRY_MS = 5000;
  const MAX_RETRY_MS = 120_000;
  // Each refused hold's reason, and the deal's end, in the server's words (workers/pages/hold-refusal.ts),
  // which the page carries so the same sentences serve pages with and without this script.
  const REFUSALS = JSON.parse(page.dataset.wrRefusals || "{}");
  // Set while an admitted shopper waits for held units, so each retry does not flash "your turn".
  let heldOut = false;

  // The message is a live region: writing the same words again at every poll would have some
  // screen readers read them again every few seconds.
  const say = (text) => {
    if (message && message.textContent !== (text || "")) message.textContent = text || "";
  };
  // The place in line changes at every poll; a screen reader hears it at a calmer pace, when it
  // has changed and at most every 30 seconds, through its own quiet live region.
  const calm = page.querySelector("[data-wr-calm]");
  let calmAt = 0;
  const sayPlace = (words) => {
    if (!calm || calm.textContent === words || Date.now() - calmAt < 30_000) return;
    calmAt = Date.now();
    calm.textContent = words;
  };
  // Out of the line (let in, refused, over), the figures go, and so does what the screen reader was
  // last told of them: read through, the page would still say a place in line it no longer shows.
  const hideFigures = () => {
    if (figures) figures.hidden = true;
    if (calm) calm.textContent = "";
    calmAt = 0;
  };
  // As the page without this script says it (waitWords in workers/pages/deal-wait.tsx): "1 minute", never "1 minutes".
  const count = (n, one) => `${n} ${one}${n === 1 ? "" : "s"}`;
  const minutes = (s) => (s < 60 ? count(Math.max(1, Math.round(s)), "second") : `about ${count(Math.round(s / 60), "minute")}`);

  // Set once the shopper asks to go on to checkout from a page that did not send them there itself.
  let goingOn = false;
  // Shown again by Back (or from history), the page waits to be asked before holding and moving on.
  const cameBack = performance.getEntriesByType?.("navigation")?.[0]?.type === "back_forward";

  const forgetTurn = () => {
    tickets.removeItem(key);
    sessionStorage.removeItem(`wr-admission:${dealId}`);
    sessionStorage.removeItem(`wr-admission-until:${dealId}`);
  };

  // A button that goes on with this turn (holds a unit and goes to checkout) when pressed.
  const offer = (label, state) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "primary";
    button.textContent = label;
    button.dataset.wrGoOn = "";
    button.addEventListener("click", async () => {
      button.disabled = true;
      goingOn = true;
      const again = await show(state);
      button.remove();
      if (again) timer = setTimeout(poll, typeof again === "number" ? again : 2000);
    });
    (message || page).after(button);
    return false;
  };

  // The ticket can no longer be used: forget it and offer a new place in line.
  const rejoin = (text) => {
    tickets.removeItem(key);
    hideFigures();
    say(text);
    if (joinButton) joinButton.hidden = false;
    return false;
  };

  // The deal's tag follows a pause or a resume the line hears of, in the words the server drew
  // (pauseTags in workers/pages/components.tsx); so does the tag it takes at the opening, which
  // app.js puts in then.
  const tag = page.querySelector("[data-paused-text]");
  const showPaused = (paused) => {
    const phase = page.dataset.dealPhase;
    if (!tag || typeof paused !== "boolean" || (phase !== "upcoming" && phase !== "live")) return;
    const text = paused ? tag.dataset.pausedText : tag.dataset[phase === "live" ? "runningLiveText" : "runningUpcomingText"];
    if (tag.textContent !== text) tag.textContent = text;
    if (phase === "upcoming") tag.dataset.liveText = paused ? tag.dataset.pausedText : tag.dataset.runningLiveText;
  };

  // Shows a waiting-room answer; resolves to whether to poll again (a number: after that many ms).
  const show = async (state) => {
    page.dataset.wrStatus = state.status;
    if (state.status === "waiting" || state.status === "admitted") showPaused(state.paused);
    if (state.status === "waiting") {
      // Before the start nobody has a place yet: the pre-queue is let in in an order drawn at random.
      const drawn = typeof state.position === "number";
      if (figures) figures.hidden = !drawn;
      if (position) position.textContent = drawn ? state.position.toLocaleString("en-IN") : "—";
      if (eta) eta.textContent = typeof state.eta_seconds === "number" ? minutes(state.eta_seconds) : "—";
      if (drawn) {
        const wait = typeof state.eta_seconds === "number" ? `, estimated wait ${minutes(state.eta_seconds)}` : "";
        sayPlace(`Your place in line: ${state.position.toLocaleString("en-IN")}${wait}.`);
      }
      // The figures are drawn while the deal is paused too: no wait is estimated then, so the last
      // estimate does not stay on screen as if the line were moving. Nobody is let in while every
      // unit is held: the front of the line is told why it waits.
      say(
        state.paused
          ? REFUSALS.paused
          : drawn
            ? state.all_held
              ? REFUSALS.all_held
              : "You are in line. We will let you in automatically."
            : "You are in the pre-queue. Places in line are drawn at random when the deal opens; keep this page open.",
      );
      return true;
    }
    hideFigures();
    if (state.status === "admitted") {
      if (!heldOut) say("It's your turn! Taking you to checkout…");
      const token = state.admission_token || "";
      // This turn's unit may be bought already (or its order waiting for payment): the shopper is
      // told, not sent to checkout for it again, and offered another where the deal's limit allows.
      // Come back to this page (Back from checkout), they are not sent on again unasked either.
      if (!heldOut && !goingOn) {
        const own = await api(`/api/deals/${encodeURIComponent(dealId)}/hold?admission_token=${encodeURIComponent(token)}`);
        const h = own.ok && own.data ? own.data : {};
        const ordered =
          h.status === "committed" || (h.status === "claimed" && (h.order_status === "held" || h.order_status === "committed"));
        if (ordered) {
          const paid = h.status === "committed" || h.order_status === "committed";
          const more = paid && typeof h.more_allowed === "number" ? h.more_allowed : 0;
          if (joinButton) joinButton.hidden = true;
          const limitReached = paid && h.more_allowed === 0 ? ` ${REFUSALS.per_user_limit}` : "";
          say(
            paid
              ? `You bought this deal with your turn. You will find it in your orders.${more > 0 ? ` You may buy ${more} more.` : limitReached}`
              : "You have placed an order for this deal with your turn: finish paying for it from your orders.",
          );
          if (more > 0) return offer("Buy another", state);
          // Unpaid, the turn is kept: once the order is paid, this page offers another where the limit allows.
          if (paid) forgetTurn();
          return false;
        }
        if (cameBack) {
          say(h.status === "held" ? "Your unit is held for you: place your order before its time runs out." : "It's your turn.");
          return offer("Continue to checkout", state);
        }
      }
      // Hold a unit at once, so the shopper's turn is not lost while they type an address.
      const held = await api(`/api/deals/${encodeURIComponent(dealId)}/hold`, {
        method: "POST",
        body: { admission_token: token, qty: 1 },
      });
      if (!held.ok) {
        // The hold API answers 403 for an admission past its session or issued to someone else.
        const reason = held.status === 409 ? held.data?.reason : held.status === 403 ? "expired" : "";
        if (reason === "sold_out") return show({ status: "sold_out" });
        if (reason === "ended") return show({ status: "ended" });
        // Held units come back when their holds lapse or are let go: the shopper keeps their turn
        // and the next poll, with a fresh admission, asks again.
        if (reason === "all_held" || reason === "paused" || reason === "not_live") {
          heldOut = true;
          say(REFUSALS[reason]);
          return HELD_RETRY_MS;
        }
        if (reason === "expired") return rejoin(REFUSALS.expired);
        say(REFUSALS[reason] || held.message);
        return false;
      }
      const added = listingId
        ? await api(`/api/cart/items/${encodeURIComponent(listingId)}`, { method: "PUT", body: { qty: 1 } })
        : { ok: true };
      if (!added.ok) {
        say(added.message);
        return false;
      }
      sessionStorage.setItem(`wr-admission:${dealId}`, token);
      if (state.admission_expires_at) sessionStorage.setItem(`wr-admission-until:${dealId}`, state.admission_expires_at);
      location.href = `/checkout?admission_token=${encodeURIComponent(token)}&deal=${encodeURIComponent(dealId)}`;
      return false;
    }
    if (state.status === "expired") {
      // The turn lapsed unused: the old ticket is spent, and joining again starts a new place.
      return rejoin("Your time to check out ran out before the order was placed. Join again for a new place in line.");
    }
    if (state.status === "sold_out" || state.status === "ended") {
      say(REFUSALS[state.status]);
      page.dataset.wrStatus = state.status;
      // Nothing more to wait for here: the way on to the other deals, as the page drawn after it shows.
      const elsewhere = page.querySelector("[data-wr-elsewhere]");
      if (elsewhere) elsewhere.hidden = false;
    } else if (state.status === "paused") {
      say(REFUSALS.paused);
      return true;
    } else say("We could not read the waiting room. Keep this page open and we will try again.");
    tickets.removeItem(key);
    if (joinButton) joinButton.hidden = true;
    return false;
  };

  const poll = async () => {
    const ticket = tickets.getItem(key);
    if (!ticket) return;
    const r = await api(`/api/deals/${encodeURIComponent(dealId)}/queue`, { headers: { "x-waiting-room-ticket": ticket } });
    let again = true;
    let delay = 2000;
    if (r.ok && r.data) {
      again = await show(r.data);
      if (typeof again === "number") delay = again;
    } else if (r.status === 409 && r.data)
      again = await show({ status: /sold/i.test(r.data.type || r.data.detail || "") ? "sold_out" : "ended" });
    else if (r.status === 401 || r.status === 403) {
      // An altered ticket, or one for another deal, never becomes valid: asking again would not help.
      again = rejoin(
        "We could not find your place in line: this tab's waiting-room ticket is not valid for this deal. Join again for a new place.",
      );
    } else if (r.status === 404) {
      tickets.removeItem(key);
      hideFigures();
      if (joinButton) joinButton.hidden = true;
      say("This deal no longer exists. See the live deals on the home page.");
      again = false;
    } else if (r.status === 429 || r.status === 503) {
      // Wait as long as the server asks, and say that same wait.
      delay = Math.min(retryAfterMs(r.retryAfter) || BUSY_RETRY_MS, MAX_RETRY_MS);
      say(problemText(r.status, r.data, String(Math.ceil(delay / 1000))));
    } else {
      say(r.message);
      delay = 3000;
    }
    if (again) timer = setTimeout(poll, delay);
  };

  // Marked busy rather than disabled while joining: a disabled button loses keyboard focus.
  let joining = false;
  const join = async () => {
    if (joining) return;
    joining = true;
    joinButton?.setAttribute("aria-disabled", "true");
    say("Joining the waiting room…");
    const held = tickets.getItem(key);
    const r = await api(`/api/deals/${encodeURIComponent(dealId)}/queue`, {
      method: "POST",
      body: {},
      headers: held ? { "x-waiting-room-ticket": held } : {},
    });
    joining = false;
    joinButton?.removeAttribute("aria-disabled");
    if (!r.ok || !r.data) {
      if (r.status === 409) return show({ status: "sold_out" });
      return say(r.message);
    }
    if (r.data.ticket) tickets.setItem(key, r.data.ticket);
    if (joinButton) {
      // Hiding the focused button would drop keyboard focus to the top of the page: it moves to
      // what the page now says instead.
      const hadFocus = document.activeElement === joinButton;
      joinButton.hidden = true;
      if (hadFocus && message) {
        message.tabIndex = -1;
        message.focus();
      }
    }
    const again = await show(r.data);
    if (again) timer = setTimeout(poll, typeof again === "number" ? again : 2000);
  };

  if (joinButton) {
    joinButton.hidden = false;
    joinButton.addEventListener("click", join);
  }
  if (tickets.getItem(key)) {
    if (joinButton) joinButton.hidden = true;
    poll();
  } else if (joinButton && page.dataset.wrBoughtLimit && page.dataset.dealPhase === "live" && csrf()) {
    // A signed-in shopper who already bought the deal's limit (on any device) is told so before
    // queueing for a turn that could only be refused. Nobody can have bought before the opening;
    // a tab reloaded within the minute uses the answer it had; under load the API sheds this
    // first, leaving Join as it is for anyone.
    const boughtKey = `wr-bought:${dealId}`;
    const told = (limitReached) => {
      if (!limitReached || joining || tickets.getItem(key)) return;
      joinButton.hidden = true;
      say(page.dataset.wrBoughtLimit);
    };
    let kept = null;
    try {
      kept = JSON.parse(sessionStorage.getItem(boughtKey) || "null");
    } catch {
      // unreadable entry: ask afresh
    }
    if (kept && Date.now() - kept.at < 60_000) told(kept.limitReached);
    else
      api(`/api/deals/${encodeURIComponent(dealId)}/bought`).then((r) => {
        if (!r.ok || !r.data) return;
        const limitReached = r.data.more_allowed === 0;
        sessionStorage.setItem(boughtKey, JSON.stringify({ at: Date.now(), limitReached }));
        told(limitReached);
      });
  }
  window.addEventListener("pagehide", () => clearTimeout(timer));
})();
