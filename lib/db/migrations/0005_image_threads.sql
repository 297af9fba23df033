CREATE TABLE "image_thread_turns" (
	"id" text PRIMARY KEY NOT NULL,
	"thread_id" text NOT NULL,
	"position" integer NOT NULL,
	"question" text,
	"answer" text NOT NULL,
	"language" text NOT NULL,
	"engine" text NOT NULL,
	"model" text NOT NULL,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"cached_tokens" integer DEFAULT 0 NOT NULL,
	"cost_usd" double precision DEFAULT 0 NOT NULL,
	"ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "image_thread_turns_summary_check" CHECK (("image_thread_turns"."position" = 0) = ("image_thread_turns"."question" is null))
);
--> statement-breakpoint
CREATE TABLE "image_threads" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"source" text NOT NULL,
	"file_name" text,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"media_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "image_threads_source_check" CHECK ("image_threads"."source" in ('upload', 'render', 'reference'))
);
--> statement-breakpoint
ALTER TABLE "image_thread_turns" ADD CONSTRAINT "image_thread_turns_thread_id_image_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."image_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_threads" ADD CONSTRAINT "image_threads_project_owner_fk" FOREIGN KEY ("project_id","owner_id") REFERENCES "public"."projects"("id","owner_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "image_thread_turns_position_idx" ON "image_thread_turns" USING btree ("thread_id","position");--> statement-breakpoint
CREATE INDEX "image_threads_project_idx" ON "image_threads" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "image_threads_storage_key_idx" ON "image_threads" USING btree ("storage_key");