CREATE TABLE "critiques" (
	"id" text PRIMARY KEY NOT NULL,
	"iteration_id" text NOT NULL,
	"image_id" text NOT NULL,
	"result" jsonb NOT NULL,
	"engine" text NOT NULL,
	"model" text NOT NULL,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"cached_tokens" integer DEFAULT 0 NOT NULL,
	"cost_usd" double precision DEFAULT 0 NOT NULL,
	"ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "images" (
	"id" text PRIMARY KEY NOT NULL,
	"iteration_id" text NOT NULL,
	"position" integer NOT NULL,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"media_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"provider_revised_prompt" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "images_id_iteration_unique" UNIQUE("id","iteration_id")
);
--> statement-breakpoint
CREATE TABLE "iterations" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"parent_id" text,
	"draft" text NOT NULL,
	"refined_prompt" text NOT NULL,
	"rendered_prompt" text NOT NULL,
	"provider_id" text NOT NULL,
	"model" text NOT NULL,
	"params" jsonb NOT NULL,
	"seed" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"error" jsonb,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"timings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"refine_usage" jsonb,
	"idempotency_key" text,
	"request_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "iterations_id_project_unique" UNIQUE("id","project_id"),
	CONSTRAINT "iterations_status_check" CHECK ("iterations"."status" in ('pending', 'generating', 'critiquing', 'done', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_id_owner_unique" UNIQUE("id","owner_id")
);
--> statement-breakpoint
CREATE TABLE "shares" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"iteration_id" text,
	"scope" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "shares_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "shares_scope_check" CHECK ("shares"."scope" in ('iteration', 'trail')),
	CONSTRAINT "shares_iteration_scope_check" CHECK ("shares"."scope" <> 'iteration' or "shares"."iteration_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "critiques" ADD CONSTRAINT "critiques_iteration_id_iterations_id_fk" FOREIGN KEY ("iteration_id") REFERENCES "public"."iterations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "critiques" ADD CONSTRAINT "critiques_image_iteration_fk" FOREIGN KEY ("image_id","iteration_id") REFERENCES "public"."images"("id","iteration_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "images" ADD CONSTRAINT "images_iteration_id_iterations_id_fk" FOREIGN KEY ("iteration_id") REFERENCES "public"."iterations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "iterations" ADD CONSTRAINT "iterations_parent_id_iterations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."iterations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "iterations" ADD CONSTRAINT "iterations_project_owner_fk" FOREIGN KEY ("project_id","owner_id") REFERENCES "public"."projects"("id","owner_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_iteration_project_fk" FOREIGN KEY ("iteration_id","project_id") REFERENCES "public"."iterations"("id","project_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "critiques_iteration_idx" ON "critiques" USING btree ("iteration_id");--> statement-breakpoint
CREATE INDEX "critiques_image_idx" ON "critiques" USING btree ("image_id");--> statement-breakpoint
CREATE UNIQUE INDEX "images_iteration_position_idx" ON "images" USING btree ("iteration_id","position");--> statement-breakpoint
CREATE INDEX "images_storage_key_idx" ON "images" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "iterations_project_created_idx" ON "iterations" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "iterations_status_idx" ON "iterations" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "iterations_owner_idempotency_key_idx" ON "iterations" USING btree ("owner_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "projects_owner_created_idx" ON "projects" USING btree ("owner_id","created_at");--> statement-breakpoint
CREATE INDEX "shares_project_idx" ON "shares" USING btree ("project_id");