import { afterEach, describe, expect, it } from "vitest";
import { closeBrowser, el, type FakeElement, runScript } from "./script-dom";

/** A cart line's flash-deal note as the server draws it for deal_1. */
function cartWithDealLine(): FakeElement {
  return el("body", {}, [
    el("p", { class: "deal-note", role: "note", "data-deal-note": "deal_1" }, [
      el("span", { class: "tag" }, [], "Flash deal"),
      el(
        "span",
        { "data-needs-turn": "" },
        [el("a", { href: "/deals/deal_1" }, [], "Go to the waiting room")],
        "Checking out this deal needs your turn.",
      ),
      el("span", { "data-has-turn": "", hidden: "" }, [], "You have your turn from its waiting room: check out before it runs out."),
    ]),
  ]);
}

const shown = (body: FakeElement) => ({
  needs: body.querySelector("[data-needs-turn]")?.hidden,
  has: body.querySelector("[data-has-turn]")?.hidden,
});

afterEach(closeBrowser);

describe("app.js on a cart with a flash-deal line", () => {
  it("says the shopper has their turn where this tab holds one still open", async () => {
    const body = cartWithDealLine();
    const has = body.querySelector("[data-has-turn]");
    if (has) has.hidden = true;
    await runScript("app.js", {
      body,
      storage: { "wr-admission:deal_1": "adm_1", "wr-admission-until:deal_1": new Date(Date.now() + 300_000).toISOString() },
      href: "https://shop.example/cart",
    });
    expect(shown(body)).toEqual({ needs: true, has: false });
  });

  it("sends them to the waiting room when the tab holds no turn, or one that has run out", async () => {
    const stored: Record<string, string>[] = [
      {},
      { "wr-admission:deal_1": "adm_1", "wr-admission-until:deal_1": new Date(Date.now() - 1_000).toISOString() },
    ];
    for (const storage of stored) {
      const body = cartWithDealLine();
      const has = body.querySelector("[data-has-turn]");
      if (has) has.hidden = true;
      await runScript("app.js", { body, storage, href: "https://shop.example/cart" });
      expect(shown(body)).toEqual({ needs: false, has: true });
      await closeBrowser();
    }
  });

  it("reads the turn's end by the server's clock, not a shopper's clock running slow", async () => {
    const server = Date.now();
    const body = cartWithDealLine();
    const has = body.querySelector("[data-has-turn]");
    if (has) has.hidden = true;
    await runScript("app.js", {
      body,
      storage: { "wr-admission:deal_1": "adm_1", "wr-admission-until:deal_1": new Date(server - 1_000).toISOString() },
      href: "https://shop.example/cart",
      // Ten minutes slow, this PC's clock would call the turn open for ten minutes more.
      now: server - 600_000,
      servedAt: server,
    });
    expect(shown(body)).toEqual({ needs: false, has: true });
  });
});
