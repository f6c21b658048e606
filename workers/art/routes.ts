import { Hono } from "hono";
import { matchesEtag } from "../platform/if-none-match";
import type { AppEnv } from "../platform/context";
import { AppError } from "../platform/errors";
import { ART_COLOURS } from "./palette";
import { ART_PATH, artHeaders, renderArt } from "./render";
import { ART_SHAPES } from "./shapes";

/**
 * Product illustrations through the app. Known ones are answered before the router (answer.ts),
 * so these routes give the app's answers to the rest: a 404 problem for a name it does not draw,
 * and, being a known path, the front door's 405 for other methods.
 */
export const artRoutes = new Hono<AppEnv>();

artRoutes.get("/:shape/:file", (c) => {
  const [, shape = "", colour = ""] = ART_PATH.exec(c.req.path) ?? [];
  const art = renderArt(shape, colour);
  if (!art) throw new AppError("not_found", notDrawn(shape, colour));
  for (const [name, value] of Object.entries(artHeaders(art))) c.header(name, value);
  return matchesEtag(c.req.header("if-none-match"), art.etag) ? c.body(null, 304) : c.body(art.svg, 200);
});

function notDrawn(shape: string, colour: string): string {
  if (!ART_SHAPES.has(shape))
    return shape ? `There is no illustration of a "${shape}".` : "Illustrations are at /art/{shape}/{colour}.svg.";
  if (!ART_COLOURS.has(colour)) return `Illustrations do not come in "${colour}".`;
  return "No such illustration.";
}
