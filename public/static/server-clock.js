// The storefront's time, which the pages' live clocks keep (a deal's countdown and change-over, a
// held unit's, the time to pay): the server decides when a deal opens or a hold lapses, and a
// shopper's phone or PC can be minutes off. Every page is stamped as it is served, the edge's
// cached copies too (Server-Timing: clock;desc=<epoch ms>).

/**
 * The server's time now, in epoch milliseconds: its stamp plus the time since the page's first
 * byte arrived, which performance.now() counts whatever the shopper's clock says. The stamp left
 * the server before that byte arrived, so this runs behind by the trip, never ahead. Without a
 * stamp (a browser that does not show it) it is the shopper's clock.
 */
export const serverNow = () => {
  const page = performance.getEntriesByType("navigation")[0];
  const stamp = Number(page?.serverTiming?.find((t) => t.name === "clock")?.description);
  // Nothing crossed the network: the page came from the browser's own cache (back or forward),
  // stamp and all, as old as that copy.
  if (!page || !(stamp > 0) || page.transferSize === 0) return Date.now();
  return stamp + (performance.now() - page.responseStart);
};
