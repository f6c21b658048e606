/**
 * The colours product illustrations come in, by the slug of a colour name the catalog uses
 * (`Midnight Blue` is `midnight-blue`), each a body fill the illustration's outline and
 * highlights are derived from. `neutral` is for products whose colour is not known.
 */
export const ART_COLOURS: ReadonlyMap<string, string> = new Map([
  ["neutral", "#a3acb6"],
  ["assorted", "#5b8def"],
  ["beige", "#e4d5b7"],
  ["black", "#2b2d31"],
  ["black-glass", "#1d2024"],
  ["blue", "#2f6fd0"],
  ["clear", "#dbe8f0"],
  ["gold", "#d8bd86"],
  ["graphite", "#54585e"],
  ["green", "#4d8a61"],
  ["grey", "#8d939a"],
  ["maroon", "#7b2535"],
  ["middle-black", "#3a3c40"],
  ["midnight-blue", "#243552"],
  ["mustard", "#d4a233"],
  ["natural", "#c8a06a"],
  ["navy", "#22325e"],
  ["olive", "#6d7440"],
  ["orange", "#e07b2f"],
  ["pink", "#e590b0"],
  ["purple", "#7b52b9"],
  ["red", "#c8363d"],
  ["silver", "#c9cdd2"],
  ["stainless", "#bcc1c7"],
  ["stainless-steel", "#b9bec4"],
  ["sunburst", "#cf7a2a"],
  ["teal", "#23877f"],
  ["white", "#f5f6f8"],
]);

/** The fills one illustration is painted with. */
export interface Paint {
  /** The product's colour. */
  body: string;
  /** The outline: darker than the body, so a white product still stands out on a light card. */
  edge: string;
  /** A second face of the body (a lid, a pocket), a little darker. */
  shade: string;
  /** Highlights and small parts, lighter than the body. */
  light: string;
  /** Marks drawn on the body (laces, a plus sign): light on a dark body, dark on a light one. */
  mark: string;
}

function mix(hex: string, toward: number, share: number): string {
  let out = "#";
  for (let i = 1; i < 7; i += 2) {
    const channel = Number.parseInt(hex.slice(i, i + 2), 16);
    out += Math.round(channel + (toward - channel) * share)
      .toString(16)
      .padStart(2, "0");
  }
  return out;
}

/** The paint for a body colour. */
export function paintFor(body: string): Paint {
  const edge = mix(body, 0, 0.38);
  const light = mix(body, 255, 0.5);
  return { body, edge, shade: mix(body, 0, 0.14), light, mark: luma(body) < 140 ? light : edge };
}

/** Perceived brightness, 0 to 255 (ITU-R BT.601 weights). */
function luma(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  return 0.299 * r + 0.587 * g + 0.114 * b;
}
