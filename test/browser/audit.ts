import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ownClient } from "./client-address";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * A browser context that lets the audit's script in: the pages' CSP admits scripts from this
 * origin only, which is what it should do for everything else.
 */
export function auditedContext(browser: Browser, baseURL: string, width: number): Promise<BrowserContext> {
  return browser.newContext({
    ...ownClient(),
    baseURL,
    bypassCSP: true,
    viewport: { width, height: 900 },
    locale: "en-IN",
    timezoneId: "Asia/Kolkata",
  });
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2.x A and AA rules on the page as it stands, each failure with where it is. */
export async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const found = (await page.evaluate(`axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)`)) as Violation[];
  return found.map((v) => `${page.url()} [${v.impact}] ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * WCAG 1.4.10 (Reflow), which axe cannot judge: at phone width nothing may make the page scroll
 * sideways. Names the widest elements that stick out, e.g. a long unbroken id in a heading.
 */
export async function reflow(page: Page): Promise<string[]> {
  const wider = (await page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    // What sticks out of the page itself: not what a scrolling box (a wide table's) keeps inside it.
    const clipped = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
        if (getComputedStyle(p).overflowX !== "visible") return true;
      return false;
    };
    return [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && getComputedStyle(el).position !== "fixed" && !clipped(el))
      .slice(-3)
      .map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "") + ": " + (el.textContent ?? "").trim().slice(0, 60));
  })()`)) as string[];
  return wider.map((w) => `${page.url()} [serious] reflow: the page scrolls sideways at phone width at ${w}`);
}
