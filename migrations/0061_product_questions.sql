CREATE TABLE `product_questions` (
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`user_id` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'visible' NOT NULL,
	`answer_count` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`removed_by` text,
	`removal_reason` text,
	`removed_at` text,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`removed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `product_questions_answered_idx` ON `product_questions` (`product_id`,`created_at`,`id`) WHERE "product_questions"."status" = 'visible' AND "product_questions"."answer_count" > 0;--> statement-breakpoint
CREATE INDEX `product_questions_product_idx` ON `product_questions` (`product_id`,`created_at`,`id`) WHERE "product_questions"."status" = 'visible';--> statement-breakpoint
CREATE INDEX `product_questions_asker_idx` ON `product_questions` (`user_id`,`product_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `product_questions_newest_idx` ON `product_questions` (`created_at`,`id`) WHERE "product_questions"."status" = 'visible';--> statement-breakpoint
CREATE TABLE `question_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`question_id` text NOT NULL,
	`product_id` text NOT NULL,
	`seller_id` text NOT NULL,
	`answered_by` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'visible' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`removed_by` text,
	`removal_reason` text,
	`removed_at` text,
	FOREIGN KEY (`question_id`) REFERENCES `product_questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seller_id`) REFERENCES `sellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`removed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `question_answers_question_seller_uq` ON `question_answers` (`question_id`,`seller_id`);--> statement-breakpoint
CREATE INDEX `question_answers_seller_idx` ON `question_answers` (`seller_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `question_answers_newest_idx` ON `question_answers` (`updated_at`,`id`) WHERE "question_answers"."status" = 'visible';--> statement-breakpoint
ALTER TABLE `products` ADD `answered_questions` integer DEFAULT 0 NOT NULL;