/**
 * `work`'s answer, or `fallback` once `ms` have passed without one: for reads a page can do
 * without, so a backend slow to answer delays the page by at most `ms`. A rejection is the
 * fallback at once. The work itself is not cancelled; its late answer is dropped.
 */
export function settleWithin<T, F>(work: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([work.catch(() => fallback), late]).finally(() => clearTimeout(timer));
}
