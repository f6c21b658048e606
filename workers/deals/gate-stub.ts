import type { SkuGate } from "../../durable-objects/sku-gate";

/** The deal's SkuGate stub; one object per deal, named by the deal id. */
export function gateFor(env: Env, dealId: string): DurableObjectStub<SkuGate> {
  const ns = env.SKU_GATE as DurableObjectNamespace<SkuGate>;
  return ns.get(ns.idFromName(dealId));
}
