ALTER TABLE `orders` ADD `saga_check_at` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `saga_resumes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `orders_saga_check_idx` ON `orders` (`saga_check_at`) WHERE "orders"."saga_check_at" IS NOT NULL;