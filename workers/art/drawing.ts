import type { Paint } from "./palette";

/** One illustration: how wide its shadow is, and its flat shapes on a 200 by 200 canvas. */
export interface Shape {
  shadow: number;
  draw: (p: Paint) => string;
}

// Fixed parts that do not take the product's colour: screens, glass, metal, paper, wood.
export const SCREEN = "#1f2933";
export const GLASS = "#b7cbdb";
export const METAL = "#c4c9cf";
export const PAPER = "#fbfbfc";
export const WOOD = "#d9a35b";
export const WOOD_EDGE = "#a8743a";
export const LED = "#4caf7a";
export const GLARE = `fill="#fff" stroke="none" opacity=".14"`;

/** A glass screen with a diagonal glare, inside a device's body. */
export function screen(x: number, y: number, w: number, h: number, r: number): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${r}" fill="${SCREEN}" stroke="none"/><path d="M${x + w * 0.55} ${y}H${x + w}V${y + h * 0.35}Z" ${GLARE}/>`;
}

/** A stroke drawn twice, outline then colour, so a thin part (a cable, a leg) reads like a filled one. */
export function outlined(d: string, edge: string, fill: string, width: number): string {
  return `<path d="${d}" fill="none" stroke="${edge}" stroke-width="${width}"/><path d="${d}" fill="none" stroke="${fill}" stroke-width="${width - 5}"/>`;
}
