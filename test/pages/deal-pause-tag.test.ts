import { describe, expect, it } from "vitest";
import { api } from "../helpers/http";
import { createDealViaApi, dealSetup } from "../deals/helpers";

/** The words of the deal page's tag. */
const tagOf = async (id: string) => /<p class="tag"[^>]*>([^<]*)<\/p>/.exec(await (await api(`/deals/${id}`)).text())?.[1];

describe("a deal page's tag through a pause", () => {
  it("says a deal is paused as soon as its manager pauses it, and live again once they resume it", async () => {
    const setup = await dealSetup(20);
    const id = await createDealViaApi(setup, { starts_at: new Date(Date.now() + 200).toISOString() });
    await new Promise((r) => setTimeout(r, 300));
    // Drawn once live, the page is kept at the edge for shoppers coming after.
    expect(await tagOf(id)).toBe("Live now");
    expect(await (await api("/deals")).text()).toContain(`/deals/${id}`);

    expect((await api(`/api/admin/deals/${id}/pause`, { method: "POST", headers: setup.manager.headers })).status).toBe(200);
    expect(await tagOf(id)).toBe("Paused");
    expect((await (await api("/deals")).text()).includes(">Paused<")).toBe(true);

    expect((await api(`/api/admin/deals/${id}/resume`, { method: "POST", headers: setup.manager.headers })).status).toBe(200);
    expect(await tagOf(id)).toBe("Live now");
  });

  it("gives the page's script the tag's words for a pause and a resume, in each phase still to come", async () => {
    const id = await createDealViaApi(await dealSetup(20), { starts_at: new Date(Date.now() + 600_000).toISOString() });
    const tag = /<p class="tag"[^>]*>/.exec(await (await api(`/deals/${id}`)).text())?.[0] ?? "";
    expect(tag).toContain('data-paused-text="Paused"');
    expect(tag).toContain('data-running-upcoming-text="Coming up"');
    expect(tag).toContain('data-running-live-text="Live now"');
  });
});
