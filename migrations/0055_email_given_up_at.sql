ALTER TABLE `notifications` ADD `given_up_at` text;--> statement-breakpoint
-- Mails given up before the time was kept: the earliest they can have been given up (when recorded, or
-- last sent again; the retries then lasted about an hour and a half more), so ops can still send them again by window.
UPDATE `notifications` SET `given_up_at` = COALESCE(`resent_at`, `created_at`) WHERE `email_state` = 'failed';--> statement-breakpoint
CREATE INDEX `notifications_email_given_up_idx` ON `notifications` (`given_up_at`,`id`) WHERE "notifications"."email_state" = 'failed';
