ALTER TABLE `categories` ADD `hsn_code` text;--> statement-breakpoint
ALTER TABLE `invoice_lines` ADD `hsn` text;
--> statement-breakpoint
-- The demo catalog's leaf categories take the HSN codes scripts/catalog/taxonomy.mjs gives them (HSN_CODES).
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '851713' WHERE `slug` = 'mobiles';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '847130' WHERE `slug` = 'tablets';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '851762' WHERE `slug` = 'smartwatches';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '847130' WHERE `slug` = 'laptops';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '847130' WHERE `slug` = 'chromebooks';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '847150' WHERE `slug` = 'desktops-monitors';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '844332' WHERE `slug` = 'printers';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '852872' WHERE `slug` = 'televisions';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '852871' WHERE `slug` = 'streaming-devices';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '852869' WHERE `slug` = 'projectors';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '851830' WHERE `slug` = 'headphones';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '851822' WHERE `slug` = 'speakers';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '851822' WHERE `slug` = 'home-theater';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '852589' WHERE `slug` = 'cameras';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '900691' WHERE `slug` = 'camera-accessories';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '850440' WHERE `slug` = 'phone-accessories';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '852351' WHERE `slug` = 'storage';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '850610' WHERE `slug` = 'batteries';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '847160' WHERE `slug` = 'computer-accessories';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '950450' WHERE `slug` = 'consoles-games';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '841821' WHERE `slug` = 'refrigerators';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '845011' WHERE `slug` = 'washing-machines';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '842211' WHERE `slug` = 'dishwashers';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '841510' WHERE `slug` = 'air-conditioners';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '851660' WHERE `slug` = 'cooktops';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '850940' WHERE `slug` = 'small-kitchen-appliances';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '850811' WHERE `slug` = 'vacuum-cleaners';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '620520' WHERE `slug` = 'mens-clothing';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '621142' WHERE `slug` = 'womens-clothing';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '640411' WHERE `slug` = 'shoes';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '910211' WHERE `slug` = 'watches';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '420212' WHERE `slug` = 'bags-luggage';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '940429' WHERE `slug` = 'furnishing';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '732393' WHERE `slug` = 'cookware';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '110100' WHERE `slug` = 'staples';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '090240' WHERE `slug` = 'tea-coffee-snacks';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '950691' WHERE `slug` = 'fitness';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '950300' WHERE `slug` = 'toys-music';
--> statement-breakpoint
UPDATE `categories` SET `hsn_code` = '960810' WHERE `slug` = 'stationery';
