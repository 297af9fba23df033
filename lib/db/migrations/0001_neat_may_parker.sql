CREATE TABLE "reference_images" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"media_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"description" jsonb NOT NULL,
	"engine" text NOT NULL,
	"model" text NOT NULL,
	"usage" jsonb NOT NULL,
	"cost_usd" double precision DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "iterations" ADD COLUMN "refine_cost_usd" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "iterations" ADD COLUMN "image_cost_usd" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "iterations" ADD COLUMN "revise_usage" jsonb;--> statement-breakpoint
ALTER TABLE "iterations" ADD COLUMN "revise_cost_usd" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "iterations" ADD COLUMN "reference_id" text;--> statement-breakpoint
ALTER TABLE "reference_images" ADD CONSTRAINT "reference_images_project_owner_fk" FOREIGN KEY ("project_id","owner_id") REFERENCES "public"."projects"("id","owner_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reference_images_project_idx" ON "reference_images" USING btree ("project_id","created_at");--> statement-breakpoint
ALTER TABLE "iterations" ADD CONSTRAINT "iterations_reference_id_reference_images_id_fk" FOREIGN KEY ("reference_id") REFERENCES "public"."reference_images"("id") ON DELETE set null ON UPDATE no action;