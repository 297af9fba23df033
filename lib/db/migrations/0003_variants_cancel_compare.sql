ALTER TABLE "images" ADD COLUMN "provider_id" text;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "model" text;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "seed" integer;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "ms" integer;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "cost_usd" double precision;--> statement-breakpoint
ALTER TABLE "iterations" ADD COLUMN "selected_image_id" text;--> statement-breakpoint
ALTER TABLE "iterations" ADD COLUMN "route_reason" text;--> statement-breakpoint
ALTER TABLE "iterations" ADD COLUMN "cancelled_at" timestamp with time zone;