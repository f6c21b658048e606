import { DurableObject } from "cloudflare:workers";

/** One per shopper (guest or account): the cart, as intent only. */
export class Cart extends DurableObject<Env> {}
