CREATE TABLE "auto_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"settings" jsonb NOT NULL,
	"start" jsonb NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"round" integer DEFAULT 0 NOT NULL,
	"results" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"drafts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" text,
	"best_iteration_id" text,
	"error" jsonb,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_reservations" (
	"id" text PRIMARY KEY NOT NULL,
	"job_id" text NOT NULL,
	"day" text NOT NULL,
	"usd" double precision NOT NULL,
	"studio" boolean DEFAULT true NOT NULL,
	"subjects" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP TABLE "job_leases" CASCADE;--> statement-breakpoint
ALTER TABLE "auto_runs" ADD CONSTRAINT "auto_runs_project_owner_fk" FOREIGN KEY ("project_id","owner_id") REFERENCES "public"."projects"("id","owner_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_events" ADD CONSTRAINT "project_events_project_owner_fk" FOREIGN KEY ("project_id","owner_id") REFERENCES "public"."projects"("id","owner_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auto_runs_project_idx" ON "auto_runs" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "job_reservations_job_idx" ON "job_reservations" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "project_events_project_idx" ON "project_events" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "project_events_created_idx" ON "project_events" USING btree ("created_at");