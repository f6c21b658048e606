ALTER TABLE `notifications` ADD `email_state` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `sent_at` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `message_id` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `send_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `send_claimed_until` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `send_error` text;--> statement-breakpoint
-- Emails recorded before there was delivery are history, not a backlog: an upgrade mails none of them.
UPDATE `notifications` SET `email_state` = 'before_delivery' WHERE `channel` = 'email';--> statement-breakpoint
CREATE INDEX `notifications_email_pending_idx` ON `notifications` (`id`) WHERE "notifications"."email_state" = 'pending';--> statement-breakpoint
CREATE INDEX `notifications_email_failed_idx` ON `notifications` (`id`) WHERE "notifications"."email_state" = 'failed';