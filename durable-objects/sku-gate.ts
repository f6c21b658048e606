import { DurableObject } from "cloudflare:workers";

/** One per deal: serializes reserve/commit/release of the deal's allocated units and runs its waiting room. */
export class SkuGate extends DurableObject<Env> {}
