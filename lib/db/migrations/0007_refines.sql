CREATE TABLE "refines" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"engine" text NOT NULL,
	"model" text NOT NULL,
	"usage" jsonb NOT NULL,
	"cost_usd" double precision NOT NULL,
	"ms" integer NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "refines_owner_idx" ON "refines" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "refines_created_idx" ON "refines" USING btree ("created_at");