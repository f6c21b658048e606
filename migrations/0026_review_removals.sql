CREATE TABLE `review_removals` (
	`review_id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`user_id` text,
	`rating` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`removed_by` text NOT NULL,
	`reason` text NOT NULL,
	`removed_at` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`removed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_removals_newest_idx` ON `review_removals` (`removed_at`,`review_id`);--> statement-breakpoint
CREATE INDEX `reviews_newest_idx` ON `reviews` (`created_at`,`id`);