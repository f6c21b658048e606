import { describe, expect, inject, it } from "vitest";
import { auditedContext, reflow, violations } from "./audit";
import { browserForFile, registerShopper, reviewedDemoProduct, signIn } from "./browser";

const baseURL = inject("baseURL");
const browser = browserForFile();

describe("helpful votes journey", () => {
  it("a guest's Helpful press signs them in to vote; back on the reviews it shows pressed, presses take it back and give it again, and the product page asks for the votes only near its reviews, at 360 px", async () => {
    const productId = await reviewedDemoProduct(baseURL);
    // A shopper of this journey's own: the demo shopper may have written the review voted on.
    const shopper = await registerShopper(baseURL, "review-votes", "Farah Sheikh");
    const ctx = await auditedContext(browser(), baseURL, 360);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto(`/products/${productId}/reviews`);
    const vote = page.locator("form[data-helpful-vote]").first();
    const reviewId = await vote.getAttribute("data-helpful-vote");
    await vote.getByRole("button", { name: /^Helpful/ }).click();
    await page.waitForURL(/\/signin/);
    await signIn(page, shopper.email);
    await page.waitForURL((url) => url.pathname === `/reviews/${reviewId}/helpful`);
    await page.getByRole("button", { name: "Yes, it helped me" }).click();
    await page.getByRole("heading", { name: "You found this review helpful" }).waitFor();
    await expect(page.getByRole("status").filter({ hasText: "Thank you" }).count()).resolves.toBe(1);
    const failures = [...(await violations(page)), ...(await reflow(page))];

    // The shared list draws the vote pressed for this shopper, and votes in place from here on.
    await page.getByRole("link", { name: "Back to the reviews" }).click();
    const pressed = page.locator(`form[data-helpful-vote="${reviewId}"] button`);
    await page.locator(`form[data-helpful-vote="${reviewId}"][data-helpful="true"]`).waitFor();
    await expect(pressed.getAttribute("aria-pressed")).resolves.toBe("true");
    failures.push(...(await violations(page)), ...(await reflow(page)));

    const counted = page.locator(`form[data-helpful-vote="${reviewId}"] [data-helpful-count]`);
    await pressed.click();
    await page.locator(`form[data-helpful-vote="${reviewId}"][data-helpful="false"]`).waitFor();
    await page.locator("[data-notice]").filter({ hasText: "Your vote is taken back." }).waitFor();
    // Ours was the only vote: the count goes with it.
    await expect(counted.textContent()).resolves.toBe("");
    await pressed.click();
    await page.locator(`form[data-helpful-vote="${reviewId}"][data-helpful="true"]`).waitFor();
    await expect(counted.textContent()).resolves.toBe("1 person found this helpful");
    expect(page.url()).toMatch(new RegExp(`/products/${productId}/reviews`));

    // On the product page the reviews sit far below the offers: this shopper's votes are asked
    // for only once they scroll near, and then the button is drawn pressed.
    const asked: string[] = [];
    page.on("request", (req) => {
      if (req.url().includes("/reviews/helpful")) asked.push(req.url());
    });
    await page.goto(`/products/${productId}`);
    await page.waitForLoadState("networkidle");
    expect(asked).toEqual([]);
    await page.locator("[data-reviews-of]").scrollIntoViewIfNeeded();
    await page.locator(`form[data-helpful-vote="${reviewId}"][data-helpful="true"]`).waitFor();
    expect(asked).toEqual([`${baseURL}/api/products/${productId}/reviews/helpful`]);

    // On the shopper's own review (as the API names it) Helpful and Report give way to editing it.
    await page.route(`**/api/products/${productId}/reviews/helpful`, (route) =>
      route.fulfill({ json: { review_ids: [], own_review_ids: [reviewId] } }),
    );
    await page.goto(`/products/${productId}/reviews`);
    const mine = page.locator(`form[data-helpful-vote="${reviewId}"]`);
    await mine.locator("[data-own-review]").waitFor();
    await expect(mine.locator("[data-own-review]").textContent()).resolves.toBe("Your review · Edit your review");
    await expect(mine.locator("button, .report-link").count()).resolves.toBe(0);
    await expect(mine.getByRole("link", { name: "Edit your review" }).getAttribute("href")).resolves.toBe(`/products/${productId}/review`);

    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
