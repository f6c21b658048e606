/** What a shopper may ask for help with about an order, each in the words their form shows. */
export const HELP_TOPICS = {
  where_is_my_order: "Where is my order?",
  payment_or_refund: "A payment or refund",
  item_problem: "A problem with an item",
  other: "Something else",
} as const;

export type HelpTopic = keyof typeof HELP_TOPICS;

export const HELP_TOPIC_NAMES = Object.keys(HELP_TOPICS) as [HelpTopic, ...HelpTopic[]];

/** The words for a topic; the stored name when it is none of today's (a topic since retired). */
export const helpTopicWords = (topic: string): string => (Object.hasOwn(HELP_TOPICS, topic) ? HELP_TOPICS[topic as HelpTopic] : topic);
