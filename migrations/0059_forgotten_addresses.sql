CREATE TABLE `forgotten_addresses` (
	`user_id` text NOT NULL,
	`address_id` text NOT NULL,
	`forgotten_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `address_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
