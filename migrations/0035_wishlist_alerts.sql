PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`channel` text NOT NULL,
	`user_id` text NOT NULL,
	`order_id` text,
	`kind` text NOT NULL,
	`subject` text DEFAULT '' NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`link` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_notifications`("id", "event_id", "channel", "user_id", "order_id", "kind", "subject", "body", "created_at") SELECT "id", "event_id", "channel", "user_id", "order_id", "kind", "subject", "body", "created_at" FROM `notifications`;--> statement-breakpoint
DROP TABLE `notifications`;--> statement-breakpoint
ALTER TABLE `__new_notifications` RENAME TO `notifications`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_event_channel_uq` ON `notifications` (`event_id`,`channel`);--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`);--> statement-breakpoint
CREATE INDEX `notifications_user_channel_created_idx` ON `notifications` (`user_id`,`channel`,`created_at`,`id`);--> statement-breakpoint
ALTER TABLE `wishlist_items` ADD `drop_alert_price` integer;--> statement-breakpoint
CREATE INDEX `wishlist_items_product_user_idx` ON `wishlist_items` (`product_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `wishlist_items_product_drop_idx` ON `wishlist_items` (`product_id`,`drop_alert_price`,`user_id`);--> statement-breakpoint
-- Every notification before this one was about an order, so its page is the order's.
UPDATE `notifications` SET `link` = '/orders/' || `order_id` WHERE `link` IS NULL AND `order_id` IS NOT NULL;--> statement-breakpoint
-- Products saved before drop alerts existed are told of a drop 5% under the price they were saved at.
UPDATE `wishlist_items` SET `drop_alert_price` = `price_when_saved` * 95 / 100 WHERE `price_when_saved` IS NOT NULL;
--> statement-breakpoint
-- Messages recorded before their text was kept get a subject from what they were, so none reads blank.
UPDATE `notifications` SET `subject` = CASE `kind`
    WHEN 'order_confirmed' THEN 'Order ' || `order_id` || ' confirmed'
    WHEN 'order_shipped' THEN 'Your order ' || `order_id` || ' has shipped'
    WHEN 'order_delivered' THEN 'Your order ' || `order_id` || ' was delivered'
    WHEN 'return_requested' THEN 'Return requested for order ' || `order_id`
    WHEN 'return_accepted' THEN 'Return accepted for order ' || `order_id`
    WHEN 'return_declined' THEN 'Your return of order ' || `order_id` || ' was declined'
    WHEN 'order_refunded' THEN 'Refund started for order ' || `order_id`
    ELSE 'Update on order ' || `order_id`
  END
WHERE `subject` = '' AND `order_id` IS NOT NULL;
