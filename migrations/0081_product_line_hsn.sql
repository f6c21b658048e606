ALTER TABLE `products` ADD `hsn_code` text;
--> statement-breakpoint
-- An older demo catalog's products take the codes of their lines that scripts/catalog/taxonomy.mjs gives a new one (LINE_HSN_CODES); titles are the brand, the line name and the variant in brackets.
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '100630' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'staples') AND `title` LIKE '% Basmati Rice Classic (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '100630' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'staples') AND `title` LIKE '% Basmati Rice Feast Rozzana (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '100630' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'staples') AND `title` LIKE '% Rozana Basmati Rice (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '071360' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'staples') AND `title` LIKE '% Toor Dal Unpolished (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '071331' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'staples') AND `title` LIKE '% Moong Dal (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '071320' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'staples') AND `title` LIKE '% Chana Dal (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '151219' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'staples') AND `title` LIKE '% Sunlite Refined Sunflower Oil (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '151491' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'staples') AND `title` LIKE '% Kachi Ghani Mustard Oil (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '040590' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'staples') AND `title` LIKE '% Pure Ghee (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '040510' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'staples') AND `title` LIKE '% Butter (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '210111' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'tea-coffee-snacks') AND `title` LIKE '% Classic Instant Coffee (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '210111' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'tea-coffee-snacks') AND `title` LIKE '% Gold Blend (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '210111' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'tea-coffee-snacks') AND `title` LIKE '% Instant Coffee (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '090121' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'tea-coffee-snacks') AND `title` LIKE '% Pike Place Ground Coffee (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '210690' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'tea-coffee-snacks') AND `title` LIKE '% Aloo Bhujia (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '210690' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'tea-coffee-snacks') AND `title` LIKE '% Navrattan Mix (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '190531' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'tea-coffee-snacks') AND `title` LIKE '% Good Day Cashew Cookies (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '190531' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'tea-coffee-snacks') AND `title` LIKE '% Marie Gold (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '190531' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'tea-coffee-snacks') AND `title` LIKE '% Parle-G Biscuits (%';
--> statement-breakpoint
UPDATE `products` SET `hsn_code` = '040320' WHERE `category_id` = (SELECT `id` FROM `categories` WHERE `slug` = 'tea-coffee-snacks') AND `title` LIKE '% Greek Yogurt (%';
