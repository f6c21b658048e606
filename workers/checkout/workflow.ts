import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";

/** Parameters the checkout saga starts with. */
export interface CheckoutParams {
  orderId: string;
}

/** The checkout saga: reserve → order → authorize → commit → capture, with compensations. */
export class CheckoutWorkflow extends WorkflowEntrypoint<Env, CheckoutParams> {
  async run(_event: WorkflowEvent<CheckoutParams>, _step: WorkflowStep): Promise<void> {}
}
