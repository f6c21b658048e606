/** What a client is told of an Idempotency-Key header of the wrong length: it did send one. */
export const IDEMPOTENCY_KEY_LENGTH = "An Idempotency-Key is 8 to 128 characters, e.g. a UUID";
