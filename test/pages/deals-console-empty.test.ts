import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { api, readerText } from "../helpers/http";

// A file of its own: every other console test makes deals, and this one needs a store without any.
describe("the deals console with no deals", () => {
  it("says there are none yet and points to the form that creates one", async () => {
    const manager = await createTestUser(["deal_manager"]);
    const page = await (await api("/deals-console", { headers: manager.headers })).text();
    expect(page).not.toContain('data-deals="true"');
    const empty = /<p class="panel" data-no-deals="true">.*?<\/p>/s.exec(page)?.[0] ?? "";
    expect(readerText(empty).trim()).toBe("No flash deals yet. Create the first one below.");
    expect(empty).toContain('<a href="#new-deal">');
    expect(page).toContain('<div id="new-deal">');
  });
});
