CREATE TABLE `reconcile_cursor` (
	`provider` text PRIMARY KEY NOT NULL,
	`updated_at` text NOT NULL,
	`ref` text NOT NULL
);
