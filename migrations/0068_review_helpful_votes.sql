CREATE TABLE `review_votes` (
	`review_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`review_id`, `user_id`),
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_votes_user_idx` ON `review_votes` (`user_id`,`review_id`);--> statement-breakpoint
ALTER TABLE `reviews` ADD `helpful_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `reviews_product_helpful_idx` ON `reviews` (`product_id`,`helpful_count`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `reviews_product_rating_helpful_idx` ON `reviews` (`product_id`,`rating`,`helpful_count`,`created_at`,`id`);