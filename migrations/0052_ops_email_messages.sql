ALTER TABLE `notifications` ADD `resent_by` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `resent_at` text;--> statement-breakpoint
CREATE INDEX `notifications_order_idx` ON `notifications` (`order_id`,`id`) WHERE "notifications"."order_id" IS NOT NULL;