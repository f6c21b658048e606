ALTER TABLE `notifications` ADD `subject` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `body` text DEFAULT '' NOT NULL;