import type { Child } from "hono/jsx";
import { ColumnHeads, TableScroll } from "../components";
import { whenIst } from "../format";
import { CsrfField } from "../layout";
import { PageLinks, withQuery } from "../paging";

/**
 * A queue of items shoppers reported (reviews, sellers' answers) on an ops console: how many
 * wait, one page of them most reported first with their reports by reason and Keep and Remove,
 * and the way on through the rest. The console's path carries the queue's page as `reported`.
 */

/** An item's reports as its queue shows them. */
export interface Reports {
  id: string;
  report_count: number;
  reasons: Record<string, number>;
  kept_before: { by: string; at: string } | null;
}

/** The queue's panel: `row` draws an item's own cells; the reports, Keep and Remove cells follow. */
export function ReportedPanel<T extends Reports>(props: {
  /** Where the console is, and what its items are called: "review"/"reviews". */
  path: string;
  noun: string;
  nouns: string;
  page: { items: T[]; waiting: number; next_cursor: string | null };
  /** The page of the queue shown, if not the first. */
  at?: string | undefined;
  columns: string[];
  words: Record<string, string>;
  /** Where an item's Keep form posts. */
  keep: (id: string) => string;
  row: (item: T) => Child;
  remove: (item: T, reason: string | undefined) => Child;
  csrf: string | null;
}) {
  const { items, waiting, next_cursor } = props.page;
  return (
    <section class="panel" aria-labelledby="reported-h" data-reported={props.nouns}>
      <h2 id="reported-h">Reported by shoppers</h2>
      {waiting === 0 ? (
        <p class="muted">No reported {props.nouns} waiting.</p>
      ) : (
        <p class="muted" data-reported-waiting={waiting}>
          {waiting === 1 ? `1 ${props.noun} waits` : `${waiting.toLocaleString("en-IN")} ${props.nouns} wait`}, the most reported first.
        </p>
      )}
      {items.length === 0 ? (
        waiting > 0 && <p class="muted">None further on: the others are on the pages before.</p>
      ) : (
        <TableScroll label={`Reported ${props.nouns}`}>
          <table class="data">
            <ColumnHeads columns={[...props.columns, "Reports", "Keep", "Remove"]} />
            <tbody>
              {items.map((item) => (
                <tr data-reported-id={item.id}>
                  {props.row(item)}
                  <ReportsCell item={item} words={props.words} />
                  <td>
                    <form method="post" action={props.keep(item.id)} class="row-form">
                      <CsrfField token={props.csrf} />
                      {props.at && <input type="hidden" name="reported" value={props.at} />}
                      <button type="submit">Keep</button>
                    </form>
                  </td>
                  <td>{props.remove(item, removalReason(item.reasons, props.words))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <PageLinks
        next={next_cursor ? `${withQuery(props.path, { reported: next_cursor })}#reported-h` : null}
        first={props.at ? `${props.path}#reported-h` : null}
        label={`More reported ${props.nouns}`}
      />
    </section>
  );
}

/** How many reported it, for which reasons, and whether ops kept it before. */
function ReportsCell({ item, words }: { item: Reports; words: Record<string, string> }) {
  return (
    <td class="words">
      <strong>{item.report_count}</strong>
      <ul class="plain">
        {Object.entries(item.reasons).map(([reason, n]) => (
          <li>
            {n} × {words[reason] ?? reason}
          </li>
        ))}
      </ul>
      {item.kept_before && (
        <p class="muted">
          Kept before by {item.kept_before.by}, {whenIst(item.kept_before.at)}
        </p>
      )}
    </td>
  );
}

/**
 * The reason a reported item's Remove form starts with: what most of its reports said, which is
 * what ops usually remove it for; they may write their own. None for an item without reports.
 */
export function removalReason(reasons: Record<string, number>, words: Record<string, string>): string | undefined {
  const [top] = Object.entries(reasons).sort(([a, m], [b, n]) => n - m || a.localeCompare(b));
  if (!top) return undefined;
  return `${words[top[0]] ?? top[0]}, as shoppers reported`;
}
