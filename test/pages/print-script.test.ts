import { afterEach, describe, expect, it } from "vitest";
import { closeBrowser, el, runScript } from "./script-dom";

afterEach(closeBrowser);

describe("app.js on an invoice", () => {
  it("shows the print button, which opens the browser's print dialog (where it can be saved as a PDF)", async () => {
    const body = el("body", {}, [
      el("p", { class: "no-print" }, [el("button", { type: "button", "data-print": "" }, [], "Print or save as PDF")]),
    ]);
    const button = body.querySelector("button[data-print]");
    if (!button) throw new Error("no print button");
    button.hidden = true;
    let printed = 0;
    await runScript("app.js", { body, window: { print: () => printed++ }, href: "https://shop.example/orders/ord_1/invoices/inv_1" });
    expect(button.hidden).toBe(false);
    await button.click();
    expect(printed).toBe(1);
  });
});
