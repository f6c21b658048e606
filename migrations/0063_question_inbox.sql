CREATE TABLE `question_inbox` (
	`seller_id` text NOT NULL,
	`question_id` text NOT NULL,
	`product_id` text NOT NULL,
	`asked_at` text NOT NULL,
	`answered_at` text,
	PRIMARY KEY(`seller_id`, `question_id`),
	FOREIGN KEY (`seller_id`) REFERENCES `sellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `product_questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `question_inbox_unanswered_idx` ON `question_inbox` (`seller_id`,`asked_at`,`question_id`) WHERE "question_inbox"."answered_at" IS NULL;--> statement-breakpoint
CREATE INDEX `question_inbox_question_idx` ON `question_inbox` (`question_id`);--> statement-breakpoint
-- Backfill: what each seller's "to answer" list showed until now, the visible questions about the
-- products it offers that it has not answered, so no waiting question drops out of its list.
INSERT INTO `question_inbox` (`seller_id`, `question_id`, `product_id`, `asked_at`)
SELECT l.`seller_id`, q.`id`, q.`product_id`, q.`created_at`
FROM `product_questions` q JOIN `listings` l ON l.`product_id` = q.`product_id` AND l.`active` = 1
WHERE q.`status` = 'visible'
	AND NOT EXISTS (SELECT 1 FROM `question_answers` a WHERE a.`question_id` = q.`id` AND a.`seller_id` = l.`seller_id`);
