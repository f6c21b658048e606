import { app } from "./app";
import { answerArt } from "./art/answer";
import { answerHotProduct } from "./catalog/hot-product";
import { answerQueueJoin, queueJoinIn } from "./deals/hot-join";
import { answerQueuePoll, queuePollIn } from "./deals/hot-poll";
import { runScheduled } from "./platform/cron";
import { requestPath } from "./platform/request-path";
import type { Envelope } from "./platform/outbox";
import { dispatchQueue } from "./platform/queues";

export default {
  // The herd's requests (a hot product page this isolate holds in memory, a waiting-room join or poll)
  // are answered before the router runs, and so are product illustrations, which are as static as
  // a file; every other request, and any that cannot be answered exactly as the app would, goes to the app.
  fetch(request, env, ctx) {
    const url = requestPath(request.url);
    const art = answerArt(request, url);
    if (art) return art;
    const hot = answerHotProduct(request, url, env, ctx);
    if (hot) return hot;
    const poll = queuePollIn(request, url, env);
    const join = poll ? null : queueJoinIn(request, url, env);
    const answering = poll ? answerQueuePoll(request, poll, env, ctx) : join ? answerQueueJoin(request, join, env, ctx) : null;
    if (!answering) return app.fetch(request, env, ctx);
    return answering.then((answered) => answered ?? app.fetch(request, env, ctx));
  },
  queue: dispatchQueue,
  scheduled: runScheduled,
} satisfies ExportedHandler<Env, Envelope<unknown>>;

export { CheckoutWorkflow } from "./checkout/workflow";
export { Cart } from "../durable-objects/cart";
export { SkuGate } from "../durable-objects/sku-gate";
