CREATE TABLE `order_minutes` (
	`minute` text PRIMARY KEY NOT NULL,
	`placed` integer NOT NULL
);
--> statement-breakpoint
-- Every order placed so far, counted in the minute of its created_at (RFC 3339 UTC, so its first
-- 16 characters are the minute), as checkout counts each order it places from now on.
INSERT INTO `order_minutes` (`minute`, `placed`)
	SELECT substr(`created_at`, 1, 16) || ':00.000Z', COUNT(*) FROM `orders` GROUP BY 1;
