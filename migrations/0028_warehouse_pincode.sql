ALTER TABLE `warehouses` ADD `pincode` text;
--> statement-breakpoint
-- The demo network's fulfilment centres, where each building is (scripts/catalog/taxonomy.mjs).
-- Any other warehouse keeps no PIN code and is placed by its city until one is set.
UPDATE `warehouses` SET `pincode` = CASE `id`
  WHEN 'wh_bhiwandi' THEN '421302'
  WHEN 'wh_gurugram' THEN '122001'
  WHEN 'wh_hoskote' THEN '562114'
  WHEN 'wh_chennai' THEN '602105'
  WHEN 'wh_kolkata' THEN '711316'
  WHEN 'wh_hyderabad' THEN '501401'
  WHEN 'wh_pune' THEN '410501'
  WHEN 'wh_ahmedabad' THEN '382213'
END
WHERE `pincode` IS NULL;
