import { createMiddleware } from "hono/factory";
import { AppError } from "./errors";
import { isSignedBody } from "./signed-bodies";

/**
 * JSON as the API reads it: `application/json` in UTF-8, not compressed. Another JSON media type (a
 * patch document, a problem) would be read as if it were the plain body, a charset other than UTF-8
 * would be read as UTF-8, and a compressed body would be read as its compressed bytes: each is a 415
 * saying what to send, rather than an answer to something the client did not mean.
 */
function refuseOtherJsonKinds(type: string, encoding: string | undefined): void {
  const [media = "", ...params] = type
    .toLowerCase()
    .split(";")
    .map((p) => p.trim());
  const charset = params
    .find((p) => p.startsWith("charset="))
    ?.slice("charset=".length)
    .replaceAll('"', "");
  const coded = encoding !== undefined && encoding.trim().toLowerCase() !== "identity" && encoding.trim() !== "";
  if (media === "application/json" && (charset === undefined || charset === "utf-8") && !coded) return;
  const sent = coded
    ? `A body with Content-Encoding ${encoding.slice(0, 40)}`
    : charset !== undefined && charset !== "utf-8"
      ? `A body in ${charset.slice(0, 40)}`
      : `A body of type ${media.slice(0, 100)}`;
  throw new AppError(
    "unsupported_media_type",
    `${sent} is not taken here: send it as JSON in UTF-8, uncompressed, with Content-Type: application/json.`,
  );
}

/** Refuses, before any route reads it, a body that says it is JSON but not as the API reads it (see above). */
export const plainJsonOnly = createMiddleware(async (c, next) => {
  const method = c.req.method;
  if (method === "GET" || method === "HEAD" || method === "OPTIONS" || isSignedBody(c.req.path)) return next();
  const type = c.req.header("content-type") ?? "";
  if (type.toLowerCase().includes("json")) refuseOtherJsonKinds(type, c.req.header("content-encoding"));
  return next();
});
