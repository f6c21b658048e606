CREATE TABLE `review_reports` (
	`review_id` text NOT NULL,
	`user_id` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`review_id`, `user_id`),
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `reviews` ADD `report_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `reviews_reported_idx` ON `reviews` (`report_count`,`created_at`,`id`) WHERE "reviews"."report_count" > 0;