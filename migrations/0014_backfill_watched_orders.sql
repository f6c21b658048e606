-- Orders placed before the resume cron watched sagas: it looks at each once, and forgets a saga that completed.
UPDATE `orders` SET `saga_check_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE `saga_check_at` IS NULL AND `saga_id` IS NOT NULL
  AND `status` IN ('created', 'payment_authorized', 'confirmed', 'packed', 'shipped');
--> statement-breakpoint
-- A refund that was never a cancellation leaves nothing for the cancellation cron.
UPDATE `orders` SET `cancel_settled_at` = `updated_at`
WHERE `status` = 'refunded' AND `cancel_settled_at` IS NULL
  AND NOT EXISTS (SELECT 1 FROM `order_transitions` t WHERE t.`order_id` = `orders`.`id` AND t.`to_status` = 'cancelled');
