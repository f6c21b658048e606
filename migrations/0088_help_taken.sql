ALTER TABLE `help_requests` ADD `taken_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `help_requests` ADD `taken_at` text;