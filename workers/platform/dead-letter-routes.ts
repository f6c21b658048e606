import { z } from "@hono/zod-openapi";
import { REPLAYABLE_QUEUE_NAMES, listDeadLetters, replayDeadLetters } from "./dead-letters";
import { createRouter, route } from "./router";

/** Ops' view of the messages queues gave up on, and their replay. */
export const deadLetterRoutes = createRouter();

const QueueName = z.enum(REPLAYABLE_QUEUE_NAMES);

const DeadLettersSchema = z
  .object({
    counts: z.record(QueueName, z.number().int()).openapi({ description: "Messages kept per queue" }),
    items: z.array(
      z.object({
        id: z.number().int(),
        queue: QueueName,
        message_id: z.string(),
        received_at: z.string(),
        reason: z.string().openapi({ description: "`retries exhausted`, or `unreadable: …` for a message its consumer could not read" }),
        body: z.unknown().openapi({ description: "The message as its queue's consumer receives it" }),
      }),
    ),
  })
  .openapi("DeadLetters");

const ReplayBody = z
  .object({
    queue: QueueName,
    limit: z.number().int().min(1).max(1_000).default(500).openapi({ description: "At most this many, oldest first" }),
  })
  .strict();

deadLetterRoutes.openapi(
  route({
    method: "get",
    path: "/admin/dead-letters",
    access: ["ops"],
    tags: ["ops"],
    summary: "Messages a queue gave up on after its retries or its consumer could not read: how many per queue, and the oldest 50",
    responses: { 200: { description: "Kept messages", content: { "application/json": { schema: DeadLettersSchema } } } },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await listDeadLetters(c.env.DB), 200);
  },
);

deadLetterRoutes.openapi(
  route({
    method: "post",
    path: "/admin/dead-letters/replay",
    access: ["ops"],
    tags: ["ops"],
    summary: "Send a queue's kept messages back onto it once the cause is fixed; its consumer applies each once",
    request: { body: { required: true, content: { "application/json": { schema: ReplayBody } } } },
    responses: {
      200: {
        description: "How many were sent back",
        content: { "application/json": { schema: z.object({ replayed: z.number().int() }).openapi("DeadLetterReplay") } },
      },
      400: { description: "Unknown queue or bad limit" },
    },
  }),
  async (c) => {
    const { queue, limit } = c.req.valid("json");
    return c.json({ replayed: await replayDeadLetters(c.env, queue, limit) }, 200);
  },
);
