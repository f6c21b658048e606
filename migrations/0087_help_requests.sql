CREATE TABLE `help_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`user_id` text NOT NULL,
	`topic` text NOT NULL,
	`message` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` text NOT NULL,
	`answer` text,
	`answered_by` text,
	`answered_at` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `help_requests_open_uq` ON `help_requests` (`order_id`) WHERE "help_requests"."status" = 'open';--> statement-breakpoint
CREATE INDEX `help_requests_order_idx` ON `help_requests` (`order_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `help_requests_status_idx` ON `help_requests` (`status`,`created_at`,`id`);