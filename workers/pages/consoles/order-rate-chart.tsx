import type { PlacedMinute } from "../../orders/order-minutes";
import { clockTime, countWords } from "../format";

/** Drawing units of the chart: one bar and its gap per minute, and the height of the busiest. */
const BAR = 4;
const HEIGHT = 60;

/**
 * The last hour in words, as the chart's caption says it and ops-overview.js says it again as it
 * reloads the figures: the busiest minute, and the current one so far.
 */
function rateSummary(minutes: readonly PlacedMinute[]): string {
  const now = minutes.at(-1);
  const busiest = minutes.reduce<PlacedMinute | undefined>((best, m) => (m.placed > (best?.placed ?? 0) ? m : best), undefined);
  if (!now || !busiest) return "No orders placed in the last 60 minutes.";
  return `Busiest minute: ${clockTime(busiest.minute)}, ${countWords(busiest.placed, "order", "orders")}. This minute so far: ${now.placed.toLocaleString("en-IN")}.`;
}

/** A bar's height for `placed` orders against the busiest minute's (at least 1, so no minute divides by 0). */
function barHeight(placed: number, most: number): number {
  return Math.round((placed / Math.max(1, most)) * HEIGHT * 10) / 10;
}

/**
 * Orders placed each minute of the last hour, oldest first, as bars drawn in an inline SVG (the
 * CSP allows no inline styles, and SVG attributes are not styles). The bars are for the eye
 * alone: the caption says the busiest minute in words and a table, hidden from sight, reads every
 * minute out. The data attributes are where ops-overview.js redraws it.
 */
export function OrderRateChart({ minutes }: { minutes: readonly PlacedMinute[] }) {
  const most = Math.max(0, ...minutes.map((m) => m.placed));
  const first = minutes[0];
  const last = minutes.at(-1);
  return (
    <figure class="rate-chart" data-per-minute="" data-bar-height={String(HEIGHT)}>
      <figcaption>
        <strong>Orders placed each minute, the last hour</strong> <span data-rate-summary="">{rateSummary(minutes)}</span>
      </figcaption>
      <svg viewBox={`0 0 ${minutes.length * BAR} ${HEIGHT}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
        {minutes.map((m, i) => {
          const h = barHeight(m.placed, most);
          return (
            <rect
              data-bar={String(i)}
              class={i === minutes.length - 1 ? "so-far" : undefined}
              x={String(i * BAR)}
              y={String(HEIGHT - h)}
              width={String(BAR - 1)}
              height={String(h)}
            />
          );
        })}
      </svg>
      <p class="rate-axis muted" aria-hidden="true">
        <span data-rate-from="">{clockTime(first?.minute)}</span>
        <span data-rate-to="">{clockTime(last?.minute)} (so far)</span>
      </p>
      {/* Hidden by a box around it: a table is as wide as its cells whatever width it is given, so
          hidden itself it would still widen a phone's page. */}
      <div class="visually-hidden">
        <table>
          <caption>Orders placed in each minute of the last hour, the current minute so far</caption>
          <thead>
            <tr>
              <th scope="col">Minute</th>
              <th scope="col">Orders placed</th>
            </tr>
          </thead>
          <tbody>
            {minutes.map((m, i) => (
              <tr data-minute-row={String(i)}>
                <th scope="row">{clockTime(m.minute)}</th>
                <td>{m.placed.toLocaleString("en-IN")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
