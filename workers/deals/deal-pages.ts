import { purgeSharedPage } from "../pages/cache";

/**
 * Drops the shared pages that wear a deal's tag (its own page, the deals page and the home page)
 * from this data centre's cache, once a deal manager has paused or resumed it: a shopper looking
 * then sees the change rather than the old tag for the page's edge life. Other data centres keep
 * theirs at most that long (a deal page's few seconds). A failed purge only leaves the old page
 * that long here too, so it is logged, not thrown: the change itself is made.
 */
export async function purgeDealPages(dealId: string): Promise<void> {
  const results = await Promise.allSettled([
    purgeSharedPage(`/deals/${encodeURIComponent(dealId)}`),
    purgeSharedPage("/deals"),
    purgeSharedPage("/"),
  ]);
  if (results.some((r) => r.status === "rejected"))
    console.error(JSON.stringify({ level: "warn", message: "deal pages not purged", dealId }));
}
