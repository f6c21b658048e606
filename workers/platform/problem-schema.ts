import { z } from "@hono/zod-openapi";

/**
 * Every error's body as the OpenAPI document declares it: RFC 9457 problem details as
 * `problemBody` writes them, with the members some problems add (a refusal's `reason`, the lines
 * a price change moved) left open, so generated clients can type every error they are sent.
 */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ description: "A URI reference naming the kind of problem, like /problems/validation-failed" }),
    title: z.string().openapi({ description: "The kind of problem in words; the same for every problem of its type" }),
    status: z.number().int().openapi({ description: "The HTTP status code" }),
    detail: z.string().openapi({ description: "What went wrong with this request, in words a client may show as they are" }),
    instance: z.string().openapi({ description: "This occurrence: urn:request: and the request's id" }),
    request_id: z.string().openapi({ description: "The request's id, as X-Request-Id gives it, for support" }),
    errors: z
      .array(
        z.object({
          path: z.string().openapi({ description: "The failing field, dotted (waiting_room.session_minutes), or a header's name" }),
          message: z.string().openapi({ description: "What the field takes, in words" }),
        }),
      )
      .optional()
      .openapi({ description: "For input that failed validation: each failing field once" }),
  })
  .catchall(z.unknown())
  .openapi("Problem", {
    description: "RFC 9457 problem details (application/problem+json); some problems add members of their own, named in their response",
  });

const PROBLEM_CONTENT = { "application/problem+json": { schema: ProblemSchema } };

/** A status code of an error. */
const isError = (status: string) => /^[45]\d\d$/.test(status);

/**
 * A route's responses with every error's body declared as a problem document: a response that
 * declares none, or declares an empty schema, gets `ProblemSchema`; one with a schema of its own
 * keeps it.
 */
export function withProblemBodies<R extends Record<string, unknown>>(responses: R): R {
  const out: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(responses)) {
    if (!isError(status) || typeof response !== "object" || response === null) {
      out[status] = response;
      continue;
    }
    const declared = (response as { content?: Record<string, { schema?: unknown }> }).content;
    const own = declared?.["application/problem+json"]?.schema;
    const hasOwn = own instanceof z.ZodType && !isEmptyObject(own);
    out[status] = hasOwn ? response : { ...response, content: { ...(declared ?? {}), ...PROBLEM_CONTENT } };
  }
  return out as R;
}

function isEmptyObject(schema: z.ZodType): boolean {
  return schema instanceof z.ZodObject && Object.keys(schema.shape).length === 0;
}
