CREATE TABLE `added_addresses` (
	`user_id` text NOT NULL,
	`address_id` text NOT NULL,
	`address` text NOT NULL,
	`added_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `address_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
