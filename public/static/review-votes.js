// The Helpful buttons on a product's reviews. The lists are shared by everyone and drawn
// unpressed, so this asks the API which of the product's reviews this shopper marked helpful,
// presses those, and votes or takes a vote back in place, showing the review's new count at once
// (the shared list catches up within its time at the edge). A guest's press opens the vote page,
// which asks them to sign in; without this file every press does.
// It asks only once the reviews come near the screen: on a sale day's hot product page most
// shoppers never scroll that far, and each ask would be a database read for nothing.
import { api, csrf, notice } from "./api.js";

(() => {
  const list = document.querySelector("[data-reviews-of]");
  const forms = [...document.querySelectorAll("form[data-helpful-vote]")];
  // The readable CSRF cookie exists only in a signed-in session: guests never ask.
  if (!list || forms.length === 0 || !csrf()) return;

  const words = (count) =>
    count <= 0 ? "" : count === 1 ? "1 person found this helpful" : `${count.toLocaleString("en-IN")} people found this helpful`;
  const show = (form, helpful, count) => {
    form.dataset.helpful = String(helpful);
    form.querySelector("button")?.setAttribute("aria-pressed", String(helpful));
    const counted = form.querySelector("[data-helpful-count]");
    if (counted && count !== undefined) counted.textContent = words(count);
  };

  for (const form of forms) {
    // A toggle from here on: pressed means this shopper counts among those it helped.
    show(form, false);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button");
      const helpful = form.dataset.helpful !== "true";
      if (button) button.disabled = true;
      const r = await api(`/api/reviews/${encodeURIComponent(form.dataset.helpfulVote)}/helpful`, { method: helpful ? "PUT" : "DELETE" });
      if (button) button.disabled = false;
      if (r.ok) {
        show(form, r.data.helpful, r.data.helpful_count);
        notice(helpful ? "Thank you: your vote helps other shoppers find the useful reviews." : "Your vote is taken back.");
      } else if (r.status === 401) location.href = form.action;
      // The API's own words for a refusal it explains (one's own review).
      else notice(r.status === 403 && r.data?.detail ? r.data.detail : r.message, "error");
    });
  }

  // The shopper's own review takes neither their vote nor their report: where those would be, the way to edit it.
  const showOwn = (form) => {
    for (const el of form.querySelectorAll("button, .report-link")) el.remove();
    const mine = document.createElement("span");
    mine.dataset.ownReview = "";
    const edit = document.createElement("a");
    edit.href = `/products/${encodeURIComponent(list.dataset.reviewsOf)}/review`;
    edit.textContent = "Edit your review";
    mine.append("Your review · ", edit);
    form.append(mine);
  };

  const pressMine = () =>
    api(`/api/products/${encodeURIComponent(list.dataset.reviewsOf)}/reviews/helpful`).then((r) => {
      if (!r.ok) return;
      const marked = new Set(r.data.review_ids);
      const own = new Set(r.data.own_review_ids ?? []);
      for (const form of forms) {
        if (own.has(form.dataset.helpfulVote)) showOwn(form);
        else if (marked.has(form.dataset.helpfulVote)) show(form, true);
      }
    });
  if (!("IntersectionObserver" in window)) return void pressMine();
  // A screen's height ahead, so the buttons are drawn pressed by the time they scroll in.
  const near = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      near.disconnect();
      pressMine();
    },
    { rootMargin: "100% 0px" },
  );
  near.observe(list);
})();
