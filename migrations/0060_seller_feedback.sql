CREATE TABLE `seller_feedback` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`seller_id` text NOT NULL,
	`user_id` text NOT NULL,
	`rating` integer NOT NULL,
	`comment` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seller_id`) REFERENCES `sellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `seller_feedback_order_seller_uq` ON `seller_feedback` (`order_id`,`seller_id`);--> statement-breakpoint
CREATE INDEX `seller_feedback_seller_newest_idx` ON `seller_feedback` (`seller_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `seller_feedback_seller_rating_idx` ON `seller_feedback` (`seller_id`,`rating`);--> statement-breakpoint
ALTER TABLE `sellers` ADD `rating_prior_x10` integer DEFAULT 45 NOT NULL;--> statement-breakpoint
ALTER TABLE `sellers` ADD `rating_sum` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sellers` ADD `rating_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sellers` ADD `rating_due` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `sellers_rating_due_idx` ON `sellers` (`id`) WHERE "sellers"."rating_due" = 1;
--> statement-breakpoint
-- Backfill: until now a seller's rating was whatever the seed or its registration wrote, and shoppers
-- have seen it; it becomes the prior buyers' ratings are blended with, so no page changes until they rate.
UPDATE `sellers` SET `rating_prior_x10` = `rating_x10`;
