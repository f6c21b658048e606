ALTER TABLE `products` ADD `back_in_stock_at` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `dedupe_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_uq` ON `outbox` (`dedupe_key`);