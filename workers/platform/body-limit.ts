import { bodyLimit } from "hono/body-limit";
import { AppError } from "./errors";

/** The largest request body the API accepts; every documented payload fits well inside it. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Rejects oversized bodies with a 413 problem before any handler parses them, whether the size
 * is declared in Content-Length or only discovered while streaming a chunked body.
 */
export const requestBodyLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new AppError("payload_too_large", `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
  },
});
