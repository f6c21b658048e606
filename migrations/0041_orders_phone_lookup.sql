DROP INDEX `orders_user_idx`;--> statement-breakpoint
ALTER TABLE `orders` ADD `phone` text;--> statement-breakpoint
CREATE INDEX `orders_phone_idx` ON `orders` (`phone`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_user_idx` ON `orders` (`user_id`,`created_at`,`id`);--> statement-breakpoint
-- Orders placed before the column existed take their phone from the address they were delivered to,
-- as `normalizePhone` does at checkout: separators dropped, then a leading 91 or 0 before the
-- 10-digit number. An address whose number does not come to 10 digits leaves the order without one.
UPDATE `orders` SET `phone` = CASE
    WHEN length(n.`digits`) = 10 THEN n.`digits`
    WHEN length(n.`digits`) = 12 AND substr(n.`digits`, 1, 2) = '91' THEN substr(n.`digits`, 3)
    WHEN length(n.`digits`) = 11 AND substr(n.`digits`, 1, 1) = '0' THEN substr(n.`digits`, 2)
  END
  FROM (
    SELECT `id`, replace(replace(replace(replace(replace(replace(
        CASE WHEN json_valid(`address`) THEN CAST(json_extract(`address`, '$.phone') AS TEXT) END,
        ' ', ''), '-', ''), '+', ''), '(', ''), ')', ''), '.', '') AS `digits`
    FROM `orders` WHERE `phone` IS NULL
  ) AS n
  WHERE `orders`.`id` = n.`id` AND n.`digits` NOT GLOB '*[^0-9]*';
