ALTER TABLE `reviews` ADD `reports_kept_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `reviews` ADD `reports_kept_at` text;