CREATE TABLE "spend_subject_days" (
	"day" text NOT NULL,
	"subject" text NOT NULL,
	"committed_usd" double precision DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spend_subject_days_pk" PRIMARY KEY("day","subject")
);
--> statement-breakpoint
CREATE INDEX "reference_images_owner_key_idx" ON "reference_images" USING btree ("owner_id","storage_key");