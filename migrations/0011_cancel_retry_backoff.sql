ALTER TABLE `orders` ADD `cancel_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `cancel_retry_at` text;