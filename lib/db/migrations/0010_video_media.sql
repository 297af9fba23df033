ALTER TABLE "image_threads" ADD COLUMN "video_key" text;--> statement-breakpoint
ALTER TABLE "image_threads" ADD COLUMN "duration_ms" integer;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "video_key" text;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "video_bytes" integer;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "duration_ms" integer;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "has_audio" boolean;--> statement-breakpoint
ALTER TABLE "iterations" ADD COLUMN "media_kind" text DEFAULT 'image' NOT NULL;--> statement-breakpoint
ALTER TABLE "iterations" ADD COLUMN "video_params" jsonb;--> statement-breakpoint
ALTER TABLE "iterations" ADD COLUMN "source_image_id" text;--> statement-breakpoint
CREATE INDEX "image_threads_video_key_idx" ON "image_threads" USING btree ("video_key");--> statement-breakpoint
CREATE INDEX "images_video_key_idx" ON "images" USING btree ("video_key");--> statement-breakpoint
ALTER TABLE "iterations" ADD CONSTRAINT "iterations_media_kind_check" CHECK ("iterations"."media_kind" in ('image', 'video'));