ALTER TABLE `orders` ADD `restocks_done_at` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `restocks_tried_at` text;--> statement-breakpoint
CREATE INDEX `orders_restocks_owed_idx` ON `orders` (`restocks_tried_at`,`created_at`) WHERE "orders"."status" IN ('cancelled', 'refunded', 'payment_failed') AND "orders"."restocks_done_at" IS NULL;