ALTER TABLE `products` ADD `family` text;--> statement-breakpoint
CREATE INDEX `products_family_idx` ON `products` (`family`,`id`);--> statement-breakpoint
-- Hand-written backfill, kept after the generated statements above: carry it over if this
-- migration is ever generated again. It keys every existing product by familyKey's rule
-- (workers/catalog/family.ts) in SQL. rtrim(t, replace(t, '(', '')) is the trimmed title up to
-- and including its last '('; a title that ends in a bracketed variant with no brackets of its own
-- is keyed by the name before it, any other title by itself.
UPDATE `products` SET `family` = k.`family` FROM (
  SELECT `id`, `category_id` || '|' || lower(trim(`brand`)) || '|' || lower(
      CASE WHEN substr(t, -1) = ')' AND head != '' AND instr(within, ')') = 0 AND trim(within) != '' AND rtrim(head) != ''
      THEN rtrim(head) ELSE t END) AS `family`
  FROM (SELECT `id`, `category_id`, `brand`, t,
               substr(t, 1, length(upto) - 1) AS head,
               substr(t, length(upto) + 1, length(t) - length(upto) - 1) AS within
        FROM (SELECT `id`, `category_id`, `brand`, t, rtrim(t, replace(t, '(', '')) AS upto
              FROM (SELECT `id`, `category_id`, `brand`, trim(`title`) AS t FROM `products`)))
) k WHERE `products`.`id` = k.`id`;
