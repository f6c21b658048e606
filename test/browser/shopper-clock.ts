import type { Page } from "playwright-core";

/** Runs a page's clock `shiftMs` off the real time (`Date.now()` and `new Date()`), as a phone's set wrong. */
export async function clockOff(page: Page, shiftMs: number): Promise<void> {
  await page.addInitScript((shift) => {
    const RealDate = Date;
    class ShiftedDate extends RealDate {
      constructor(...args: ConstructorParameters<DateConstructor> | []) {
        if (args.length === 0) super(RealDate.now() + shift);
        else super(...(args as ConstructorParameters<DateConstructor>));
      }
      static now(): number {
        return RealDate.now() + shift;
      }
    }
    globalThis.Date = ShiftedDate as DateConstructor;
  }, shiftMs);
}

/** The names of the Server-Timing metrics the page's own response carried, as its scripts read them. */
export function serverTimingNames(page: Page): Promise<string[]> {
  // Text, not a function: these tests are typed without the DOM's types.
  return page.evaluate<string[]>('performance.getEntriesByType("navigation")[0].serverTiming.map((t) => t.name)');
}
