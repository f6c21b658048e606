-- Orders that ended before the restock cron kept a marker. The ones it has nothing left to do for
-- (they never owed a restock, or every line's stock is back) are marked done as of their last
-- update, so its index starts with the few still owing. Those keep no marker and the cron finishes
-- them, the ones its look at the last day alone had let go included (the rule is the cron's own:
-- workers/checkout/restocks.ts).
UPDATE `orders` SET `restocks_done_at` = `updated_at`
WHERE `id` IN (
  SELECT o.`id` FROM `orders` o
  WHERE o.`status` IN ('cancelled', 'refunded', 'payment_failed') AND o.`restocks_done_at` IS NULL
    AND NOT (
      (EXISTS (SELECT 1 FROM `order_transitions` t WHERE t.`order_id` = o.`id` AND t.`to_status` = 'cancelled' AND t.`from_status` <> 'created')
        OR EXISTS (SELECT 1 FROM `order_transitions` t WHERE t.`order_id` = o.`id` AND t.`to_status` = 'payment_failed' AND t.`from_status` = 'payment_authorized'))
      AND EXISTS (SELECT 1 FROM `order_items` oi WHERE oi.`order_id` = o.`id` AND oi.`reservation_id` IS NOT NULL
        AND CASE WHEN oi.`deal_id` IS NULL
          THEN EXISTS (SELECT 1 FROM `inventory_reservations` r WHERE r.`ref` = oi.`reservation_id` AND r.`status` IN ('held', 'committed'))
          ELSE NOT EXISTS (SELECT 1 FROM `inventory_journal` j WHERE j.`ref` = oi.`reservation_id` || ':restock' AND j.`kind` = 'deal_restock')
            AND NOT EXISTS (SELECT 1 FROM `inventory_journal` j WHERE j.`ref` = oi.`reservation_id` || ':never-sold:' || o.`id` AND j.`kind` = 'deal_note')
        END)));
