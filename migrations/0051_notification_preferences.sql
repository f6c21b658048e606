CREATE TABLE `notification_preferences` (
	`user_id` text NOT NULL,
	`alert_group` text NOT NULL,
	`email` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `alert_group`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
