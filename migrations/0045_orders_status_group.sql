ALTER TABLE `orders` ADD `status_group` text GENERATED ALWAYS AS (CASE
  WHEN status = 'delivered' THEN 'delivered'
  WHEN status IN ('cancelled', 'payment_failed') OR (status = 'refunded' AND cancel_restocked_at IS NOT NULL) THEN 'cancelled'
  WHEN status IN ('return_requested', 'refunded', 'return_received') THEN 'returns'
  ELSE 'in_progress' END) VIRTUAL;--> statement-breakpoint
CREATE INDEX `orders_user_group_idx` ON `orders` (`user_id`,`status_group`,`created_at`,`id`);