/** Positional bindings for one statement; a value is bound once and every part refers to it by number. */
export class Bindings {
  readonly args: Array<string | number> = [];

  /** Binds `v` and returns its placeholder. */
  add(v: string | number): string {
    this.args.push(v);
    return `?${this.args.length}`;
  }
}

/**
 * A LIMIT of `n` rows when `guard` holds and none otherwise, for a branch of a statement that only
 * one case needs. SQLite computes a LIMIT once, before the first row, and skips a loop limited to
 * none; a subquery in WHERE would instead be tested against every row the branch walks.
 */
export function gated(guard: string, n: number | string): string {
  return `(CASE WHEN ${guard} THEN ${n} ELSE 0 END)`;
}
