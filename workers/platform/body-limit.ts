import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { AppError } from "./errors";

/** The largest request body the API accepts; every documented payload fits well inside it. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The largest body of a seller's bulk listing update (the API route and the console's upload): a
 * file of the most rows it may hold, each with long ids and every column filled, fits with room to
 * spare, and nothing else may send this much.
 */
export const MAX_BULK_BODY_BYTES = 512 * 1024;

const BULK_PATHS = new Set(["/api/seller/listings/bulk", "/seller/bulk"]);

const limitOf = (maxSize: number, words: string) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError("payload_too_large", words, { extensions: { max_bytes: maxSize } });
    },
  });

const usual = limitOf(MAX_BODY_BYTES, `The request is larger than ${MAX_BODY_BYTES / 1024} KB, the most this takes. Nothing was changed.`);
// Said to a seller choosing a file: how big it may be, and what to do instead.
const bulk = limitOf(
  MAX_BULK_BODY_BYTES,
  `The file is larger than ${MAX_BULK_BODY_BYTES / 1024} KB, the most one upload takes (1,000 rows fit well within it). ` +
    "Nothing was changed: split it into smaller files, or check that it is the CSV and not the spreadsheet itself.",
);

/**
 * Rejects oversized bodies with a 413 problem before any handler parses them, whether the size
 * is declared in Content-Length or only discovered while streaming a chunked body.
 */
export const requestBodyLimit = createMiddleware((c, next) => (BULK_PATHS.has(c.req.path) ? bulk(c, next) : usual(c, next)));
