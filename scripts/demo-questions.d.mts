/** A question `ensureDemoQuestions` may ask, and the seller's answer to it if any. */
export interface DemoQuestion {
  product_id: string;
  text: string;
  answer?: string;
}

/** A question `ensureDemoQuestions` asked. */
export interface DemoAsked {
  product_id: string;
  id: string;
  answered: boolean;
}

export const DEMO_QUESTIONS: DemoQuestion[];

export function ensureDemoQuestions(
  base: string,
  options?: {
    questions?: DemoQuestion[];
    shopper?: { email: string; password: string };
    seller?: { email: string; password: string };
    log?: (line: string) => void;
  },
): Promise<DemoAsked[]>;
