CREATE TABLE `answer_reports` (
	`answer_id` text NOT NULL,
	`user_id` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`answer_id`, `user_id`),
	FOREIGN KEY (`answer_id`) REFERENCES `question_answers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `question_answers` ADD `report_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `question_answers` ADD `reports_kept_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `question_answers` ADD `reports_kept_at` text;--> statement-breakpoint
CREATE INDEX `question_answers_reported_idx` ON `question_answers` (`report_count`,`updated_at`,`id`) WHERE "question_answers"."report_count" > 0 AND "question_answers"."status" = 'visible';