ALTER TABLE `deals` ADD `settled_at` text;--> statement-breakpoint
ALTER TABLE `deals` ADD `gate_checked_at` text;--> statement-breakpoint
CREATE INDEX `deals_unsettled_idx` ON `deals` (`status`,`gate_checked_at`,`ends_at`) WHERE "deals"."status" = 'ended' AND "deals"."settled_at" IS NULL;