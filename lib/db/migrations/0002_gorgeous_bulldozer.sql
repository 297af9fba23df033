CREATE TABLE "idempotency_records" (
	"owner_id" text NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_records_pk" PRIMARY KEY("owner_id","key")
);
--> statement-breakpoint
CREATE TABLE "spend_days" (
	"day" text PRIMARY KEY NOT NULL,
	"committed_usd" double precision DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "idempotency_records_created_idx" ON "idempotency_records" USING btree ("created_at");