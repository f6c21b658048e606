ALTER TABLE `order_items` ADD `list_price` integer;--> statement-breakpoint
CREATE INDEX `order_items_deal_idx` ON `order_items` (`deal_id`,`created_at`) WHERE "order_items"."deal_id" IS NOT NULL;