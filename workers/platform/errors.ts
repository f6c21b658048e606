import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The closed list of error codes the API answers with, and the status each maps to. */
export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  reset_link_invalid: 400,
  email_change_link_invalid: 400,
  account_recovery_link_invalid: 400,
  unsubscribe_link_invalid: 400,
  unauthenticated: 401,
  wrong_credentials: 401,
  invalid_signature: 401,
  forbidden: 403,
  staff_account: 403,
  csrf_failed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  orders_in_progress: 409,
  sold_out: 409,
  deal_unavailable: 409,
  price_changed: 409,
  illegal_transition: 409,
  deal_not_set_up: 409,
  payment_refused: 409,
  cod_unavailable: 409,
  return_window_closed: 409,
  not_returnable: 409,
  return_declined: 409,
  not_delivered_yet: 409,
  feedback_window_closed: 409,
  series_exhausted: 409,
  idempotency_in_flight: 409,
  idempotency_spent: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_mismatch: 422,
  rate_limited: 429,
  internal: 500,
  overloaded: 503,
  payments_unavailable: 503,
  payment_provider_failed: 503,
  deal_state_unavailable: 503,
  email_unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

const TITLES: Record<ErrorCode, string> = {
  validation_failed: "Your request has invalid fields",
  bad_request: "Bad request",
  reset_link_invalid: "This password reset link cannot be used",
  email_change_link_invalid: "This email change link cannot be used",
  account_recovery_link_invalid: "This link to secure your account cannot be used",
  unsubscribe_link_invalid: "This unsubscribe link cannot be used",
  unauthenticated: "Sign in required",
  wrong_credentials: "Wrong email or password",
  invalid_signature: "Invalid signature",
  forbidden: "Not allowed",
  staff_account: "A store account is closed by an admin",
  csrf_failed: "Cross-site request refused",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict with the current state",
  orders_in_progress: "Orders or returns of this account are still in progress",
  sold_out: "Sold out",
  deal_unavailable: "This deal cannot be bought now",
  price_changed: "Prices or availability changed",
  illegal_transition: "Illegal state transition",
  deal_not_set_up: "This deal is not set up",
  payment_refused: "The payment provider refused",
  cod_unavailable: "Cash on delivery is not available for this order",
  return_window_closed: "The return window has closed",
  not_returnable: "Not returnable",
  return_declined: "Your return was declined",
  not_delivered_yet: "This order has not been delivered yet",
  feedback_window_closed: "The time to rate this seller has passed",
  series_exhausted: "A seller's document number series is used up",
  idempotency_in_flight: "A request with this Idempotency-Key is still in progress",
  idempotency_spent: "This Idempotency-Key's checkout was undone; use a new key",
  precondition_failed: "Changed since you read it",
  payload_too_large: "Request body too large",
  unsupported_media_type: "Unsupported media type",
  idempotency_mismatch: "Idempotency-Key reused with a different request",
  rate_limited: "Too many requests",
  internal: "Something went wrong on our side",
  overloaded: "We are shedding load",
  payments_unavailable: "No payment provider is configured",
  payment_provider_failed: "The payment provider did not answer",
  deal_state_unavailable: "The waiting room cannot read this deal's line right now",
  email_unavailable: "We could not send the email",
};

/** One failing input field, as problem details' `errors` array lists it. */
export interface FieldError {
  path: string;
  message: string;
}

export interface AppErrorOptions {
  errors?: FieldError[];
  headers?: Record<string, string>;
  /** Extension members added to the problem document (e.g. `changes` for price_changed). */
  extensions?: Record<string, unknown>;
}

/** The one error type handlers throw; `onError` renders it as RFC 9457 problem details. */
export class AppError extends HTTPException {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly options: AppErrorOptions;

  constructor(code: ErrorCode, detail: string, options: AppErrorOptions = {}) {
    super(ERROR_STATUS[code], { message: detail });
    this.code = code;
    this.detail = detail;
    this.options = options;
  }
}

/** The problem document body for a code; `instance` carries the request id for support. */
export function problemBody(code: ErrorCode, detail: string, requestId: string, options: AppErrorOptions = {}) {
  return {
    type: `/problems/${code.replaceAll("_", "-")}`,
    title: TITLES[code],
    status: ERROR_STATUS[code],
    detail,
    instance: `urn:request:${requestId}`,
    request_id: requestId,
    ...(options.errors ? { errors: options.errors } : {}),
    ...options.extensions,
  };
}

/** Renders a problem response with the right content type and any extra headers. */
export function problemResponse(code: ErrorCode, detail: string, requestId: string, options: AppErrorOptions = {}): Response {
  const headers = new Headers(options.headers);
  // RFC 9110: a 401 names how to authenticate. The API takes a bearer token (or a browser's session cookie).
  if (ERROR_STATUS[code] === 401 && !headers.has("www-authenticate")) headers.set("www-authenticate", 'Bearer realm="api"');
  headers.set("content-type", "application/problem+json");
  headers.set("x-request-id", requestId);
  return new Response(JSON.stringify(problemBody(code, detail, requestId, options)), {
    status: ERROR_STATUS[code],
    headers,
  });
}
