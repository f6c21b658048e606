CREATE TABLE `popular_queries` (
	`query` text PRIMARY KEY NOT NULL,
	`popularity` integer DEFAULT 0 NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `product_sales_daily` (
	`day` text NOT NULL,
	`product_id` text NOT NULL,
	`category_id` text NOT NULL,
	`units` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `product_id`)
);
--> statement-breakpoint
CREATE INDEX `product_sales_daily_category_idx` ON `product_sales_daily` (`category_id`,`day`);