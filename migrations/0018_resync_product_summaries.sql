-- Stock moved by reserves, sales, releases and deals before those batches refreshed the product
-- summary, and no movement repairs a summary in passing any more: recompute every product whose
-- buy box, price or stock total is behind its offers and inventory (the rule of
-- workers/catalog/summary.ts). The page is built from live stock, so its version stays.
UPDATE `products` SET `buy_box_listing_id` = (
  SELECT l.`id` FROM `listings` l JOIN `sellers` s ON s.`id` = l.`seller_id`
  WHERE l.`product_id` = `products`.`id` AND l.`active` = 1
  ORDER BY (SELECT COALESCE(SUM(i.`available`), 0) FROM `inventory` i WHERE i.`sku_id` = l.`id`) > 0 DESC,
           l.`price` ASC, s.`rating_x10` DESC, l.`id` ASC
  LIMIT 1)
WHERE `buy_box_listing_id` IS NOT (
  SELECT l.`id` FROM `listings` l JOIN `sellers` s ON s.`id` = l.`seller_id`
  WHERE l.`product_id` = `products`.`id` AND l.`active` = 1
  ORDER BY (SELECT COALESCE(SUM(i.`available`), 0) FROM `inventory` i WHERE i.`sku_id` = l.`id`) > 0 DESC,
           l.`price` ASC, s.`rating_x10` DESC, l.`id` ASC
  LIMIT 1);
--> statement-breakpoint
UPDATE `products` SET
  `price` = (SELECT `price` FROM `listings` WHERE `id` = `products`.`buy_box_listing_id`),
  `mrp` = (SELECT `mrp` FROM `listings` WHERE `id` = `products`.`buy_box_listing_id`),
  `stock_total` = (SELECT COALESCE(SUM(i.`available`), 0) FROM `inventory` i JOIN `listings` l ON l.`id` = i.`sku_id`
                   WHERE l.`product_id` = `products`.`id` AND l.`active` = 1),
  `offer_count` = (SELECT COUNT(*) FROM `listings` WHERE `product_id` = `products`.`id` AND `active` = 1)
WHERE `price` IS NOT (SELECT `price` FROM `listings` WHERE `id` = `products`.`buy_box_listing_id`)
  OR `mrp` IS NOT (SELECT `mrp` FROM `listings` WHERE `id` = `products`.`buy_box_listing_id`)
  OR `stock_total` != (SELECT COALESCE(SUM(i.`available`), 0) FROM `inventory` i JOIN `listings` l ON l.`id` = i.`sku_id`
                       WHERE l.`product_id` = `products`.`id` AND l.`active` = 1)
  OR `offer_count` != (SELECT COUNT(*) FROM `listings` WHERE `product_id` = `products`.`id` AND `active` = 1);
