/**
 * The colours product illustrations come in, by the slug of a colour name the catalog uses
 * (`Midnight Blue` is `midnight-blue`), each a body fill the illustration's outline and
 * highlights are derived from. `neutral` is for products whose colour is not known.
 */
export const ART_COLOURS: ReadonlyMap<string, string> = new Map([
  ["neutral", "#a3acb6"],
  ["aloe", "#b6d6ae"],
  ["amber-yellow", "#e9cf7b"],
  ["andaman-blue", "#2f78a7"],
  ["arctic-white", "#edf0f3"],
  ["assorted", "#5b8def"],
  ["bay", "#8eb2d8"],
  ["beige", "#e4d5b7"],
  ["black", "#2b2d31"],
  ["black-glass", "#1d2024"],
  ["black-titanium", "#3b3b3d"],
  ["blue", "#2f6fd0"],
  ["blue-titanium", "#3f4a5c"],
  ["celadon-marble", "#8db7a6"],
  ["classic-black", "#262729"],
  ["clear", "#dbe8f0"],
  ["cobalt-violet", "#5b4f94"],
  ["coral-purple", "#9a7ec1"],
  ["cosmic-blue", "#3b4f99"],
  ["cream", "#efe6cf"],
  ["crystal-flake", "#dde3e9"],
  ["dark-chrome", "#3d3f44"],
  ["dark-grey", "#4a4c50"],
  ["denim", "#3f5f85"],
  ["explorer-red", "#b8473a"],
  ["flowy-emerald", "#2f6e58"],
  ["forest-blue", "#2a4a5c"],
  ["forest-green", "#2f5d45"],
  ["gold", "#d8bd86"],
  ["graphite", "#54585e"],
  ["graphite-grey", "#55595f"],
  ["green", "#4d8a61"],
  ["grey", "#8d939a"],
  ["hazel", "#8a8d7f"],
  ["hot-pink", "#df5599"],
  ["ice-blue", "#a8cee5"],
  ["iceblue", "#bcd8ec"],
  ["jade-green", "#4e8e71"],
  ["lavender", "#c4b8e4"],
  ["lemongrass", "#d6db8b"],
  ["lilac", "#c6b3df"],
  ["marble-grey", "#c7c8c6"],
  ["maroon", "#7b2535"],
  ["marshmallow-blue", "#b5cce7"],
  ["middle-black", "#3a3c40"],
  ["midnight", "#232a35"],
  ["midnight-black", "#222326"],
  ["midnight-blue", "#243552"],
  ["mint", "#bfe2cf"],
  ["mist-blue", "#a7c0d6"],
  ["misty-green", "#a8c1af"],
  ["mustard", "#d4a233"],
  ["natural", "#c8a06a"],
  ["natural-titanium", "#bdb4a6"],
  ["navigator-beige", "#d8c6a6"],
  ["navy", "#22325e"],
  ["obsidian", "#26282b"],
  ["olive", "#6d7440"],
  ["onyx-black", "#2a2b2e"],
  ["orange", "#e07b2f"],
  ["peacock-green", "#1f6e65"],
  ["pink", "#e590b0"],
  ["porcelain", "#ebe6dc"],
  ["prism-silver", "#ced3d9"],
  ["purple", "#7b52b9"],
  ["red", "#c8363d"],
  ["rose", "#e7c2be"],
  ["silky-black", "#242528"],
  ["silver", "#c9cdd2"],
  ["snow", "#f1f2f2"],
  ["space-black", "#2d2e30"],
  ["space-grey", "#7c7e81"],
  ["stainless", "#bcc1c7"],
  ["stainless-steel", "#b9bec4"],
  ["stardust-black", "#2a2b2e"],
  ["starfrost-white", "#eceff2"],
  ["starlight", "#ede6d8"],
  ["starshine-green", "#4e9a84"],
  ["storm-grey", "#6a6f76"],
  ["submarine-blue", "#2c4f7c"],
  ["sunburst", "#cf7a2a"],
  ["teal", "#23877f"],
  ["tempest-gray", "#5b5f66"],
  ["viva-magenta", "#b3375d"],
  ["waterfall-blue", "#5d8fc9"],
  ["white", "#f5f6f8"],
  ["white-titanium", "#e6e4df"],
  ["yellow", "#f1d36b"],
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
