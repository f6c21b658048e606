CREATE TABLE `help_additions` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`message` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `help_requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `help_additions_request_idx` ON `help_additions` (`request_id`,`created_at`);