ALTER TABLE "iterations" ADD COLUMN "edit_kind" text;--> statement-breakpoint
ALTER TABLE "iterations" ADD COLUMN "input_image_id" text;--> statement-breakpoint
ALTER TABLE "iterations" ADD COLUMN "input_storage_key" text;--> statement-breakpoint
ALTER TABLE "iterations" ADD COLUMN "mask_storage_key" text;--> statement-breakpoint
ALTER TABLE "iterations" ADD COLUMN "moodboard" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "iterations" ADD CONSTRAINT "iterations_input_image_id_images_id_fk" FOREIGN KEY ("input_image_id") REFERENCES "public"."images"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "iterations_mask_owner_idx" ON "iterations" USING btree ("mask_storage_key","owner_id");--> statement-breakpoint
ALTER TABLE "iterations" ADD CONSTRAINT "iterations_edit_kind_check" CHECK ("iterations"."edit_kind" is null or "iterations"."edit_kind" in ('input', 'region'));--> statement-breakpoint
ALTER TABLE "iterations" ADD CONSTRAINT "iterations_region_edit_check" CHECK ("iterations"."edit_kind" is distinct from 'region' or ("iterations"."input_storage_key" is not null and "iterations"."mask_storage_key" is not null));