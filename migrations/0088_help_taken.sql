ALTER TABLE `help_requests` ADD `taken_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `help_requests` ADD `taken_at` text;--> statement-breakpoint
CREATE INDEX `help_requests_taken_idx` ON `help_requests` (`status`,`taken_by`,`created_at`,`id`);