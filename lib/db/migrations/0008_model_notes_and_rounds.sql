CREATE TABLE "explore_rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"run_id" text NOT NULL,
	"round" integer NOT NULL,
	"drafts" jsonb NOT NULL,
	"pick" jsonb NOT NULL,
	"winner_iteration_id" text NOT NULL,
	"best_iteration_id" text NOT NULL,
	"engine" text NOT NULL,
	"model" text NOT NULL,
	"usage" jsonb NOT NULL,
	"cost_usd" double precision DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_notes" (
	"project_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"model" text NOT NULL,
	"notes" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_notes_pk" PRIMARY KEY("project_id","provider_id","model")
);
--> statement-breakpoint
ALTER TABLE "explore_rounds" ADD CONSTRAINT "explore_rounds_project_owner_fk" FOREIGN KEY ("project_id","owner_id") REFERENCES "public"."projects"("id","owner_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_notes" ADD CONSTRAINT "model_notes_project_owner_fk" FOREIGN KEY ("project_id","owner_id") REFERENCES "public"."projects"("id","owner_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "explore_rounds_run_round_idx" ON "explore_rounds" USING btree ("run_id","round");--> statement-breakpoint
CREATE INDEX "explore_rounds_project_idx" ON "explore_rounds" USING btree ("project_id","created_at");