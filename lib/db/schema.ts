import "server-only";
import { relations, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { PublicError } from "@/lib/errors";
import type { Critique, Usage } from "@/lib/schemas/critique";
import type { ReferenceDescription } from "@/lib/schemas/reference";
import type { EngineKind, IterationStatus, IterationView } from "@/lib/schemas/iteration";
import type { GenerationParams } from "@/lib/schemas/params";
import type { ComparativePick, Draft } from "@/lib/schemas/exploration";
import type { ModelNote } from "@/lib/schemas/model-notes";
import { editKinds, type EditKind, type MoodboardEntry } from "@/lib/schemas/edit";
import type { ShareScope } from "@/lib/schemas/share";
import type { AutoOutcome, AutoRunStart, AutoSettings, RoundResult } from "@/lib/studio/auto-iterate";
import type { VideoCritique, VideoParams } from "@/lib/schemas/video";

// One schema for PGlite and PostgreSQL.

const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

export const mediaKinds = ["image", "video"] as const;
export type MediaKind = (typeof mediaKinds)[number];

export const iterationStatuses = ["pending", "generating", "critiquing", "done", "failed"] as const satisfies readonly IterationStatus[];
export type IterationTimings = IterationView["timings"];

export const projects = pgTable(
  "projects",
  {
    id: id(),
    ownerId: text("owner_id").notNull(),
    name: text("name").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("projects_owner_created_idx").on(t.ownerId, t.createdAt),
    // Target of the iterations' (project_id, owner_id) key, which keeps the denormalised owner honest.
    unique("projects_id_owner_unique").on(t.id, t.ownerId),
  ],
);

export const iterations = pgTable(
  "iterations",
  {
    id: id(),
    projectId: text("project_id").notNull(),
    // Denormalised from the project so owner-scoped reads and the idempotency index need no join.
    ownerId: text("owner_id").notNull(),
    parentId: text("parent_id").references((): AnyPgColumn => iterations.id, { onDelete: "set null" }),
    draft: text("draft").notNull(),
    refinedPrompt: text("refined_prompt").notNull(),
    renderedPrompt: text("rendered_prompt").notNull(),
    providerId: text("provider_id").notNull(),
    model: text("model").notNull(),
    params: jsonb("params").$type<GenerationParams>().notNull(),
    /** What the iteration makes: stills, or one clip (then `video_params` says how long and which shape). */
    mediaKind: text("media_kind").$type<MediaKind>().notNull().default("image"),
    videoParams: jsonb("video_params").$type<VideoParams>(),
    /** Animate: the still (an images row of the parent) the clip starts from. Not a key: a deleted still leaves the clip. */
    sourceImageId: text("source_image_id"),
    seed: integer("seed"),
    status: text("status").$type<IterationStatus>().notNull().default("pending"),
    error: jsonb("error").$type<PublicError>(),
    notes: jsonb("notes").$type<string[]>().notNull().default([]),
    timings: jsonb("timings").$type<IterationTimings>().notNull().default({}),
    refineUsage: jsonb("refine_usage").$type<Usage>(),
    // What this iteration cost: refine, image list price, and every revision asked of its critique.
    refineCostUsd: doublePrecision("refine_cost_usd").notNull().default(0),
    imageCostUsd: doublePrecision("image_cost_usd").notNull().default(0),
    reviseUsage: jsonb("revise_usage").$type<Usage>(),
    reviseCostUsd: doublePrecision("revise_cost_usd").notNull().default(0),
    referenceId: text("reference_id").references((): AnyPgColumn => referenceImages.id, { onDelete: "set null" }),
    // The variant the designer continues from; NULL means the best-scored one. Checked by the action, not a key: images point here already.
    selectedImageId: text("selected_image_id"),
    // Auto's one-line reason ("quoted headline → a model strong at text"), or NULL when the designer chose.
    routeReason: text("route_reason"),
    // Set when Cancel was asked while rendering; any instance rendering this iteration stops at its next check.
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    // An edit of a render: "input" continues from the whole image, "region" changes only the painted mask.
    editKind: text("edit_kind").$type<EditKind>(),
    // The render used as input. Its storage key is kept too, so the edit's Before survives the image row.
    inputImageId: text("input_image_id").references((): AnyPgColumn => images.id, { onDelete: "set null" }),
    inputStorageKey: text("input_storage_key"),
    // The painted region as stored (PNG, white on black, the input's size).
    maskStorageKey: text("mask_storage_key"),
    // Up to 8 of the project's references, each with the role it lends the render; [] when none.
    moodboard: jsonb("moodboard").$type<MoodboardEntry[]>().notNull().default([]),
    idempotencyKey: text("idempotency_key"),
    requestHash: text("request_hash"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: "iterations_project_owner_fk",
      columns: [t.projectId, t.ownerId],
      foreignColumns: [projects.id, projects.ownerId],
    }).onDelete("cascade"),
    // Target of composite keys that keep shares inside their project.
    unique("iterations_id_project_unique").on(t.id, t.projectId),
    index("iterations_project_created_idx").on(t.projectId, t.createdAt),
    index("iterations_status_idx").on(t.status),
    // Whether a stored mask is in use (the sweeper) and whose it is (the image route, lib/images/image-access.ts).
    index("iterations_mask_owner_idx").on(t.maskStorageKey, t.ownerId),
    // NULL keys are distinct in PostgreSQL, so iterations made without a key never collide.
    uniqueIndex("iterations_owner_idempotency_key_idx").on(t.ownerId, t.idempotencyKey),
    check("iterations_media_kind_check", sql`${t.mediaKind} in ('image', 'video')`),
    check("iterations_edit_kind_check", sql`${t.editKind} is null or ${t.editKind} in (${sql.join(
      editKinds.map((k) => sql.raw(`'${k}'`)),
      sql`, `,
    )})`),
    // A region edit always has its image and its mask.
    check("iterations_region_edit_check", sql`${t.editKind} is distinct from 'region' or (${t.inputStorageKey} is not null and ${t.maskStorageKey} is not null)`),
    check(
      "iterations_status_check",
      sql`${t.status} in (${sql.join(
        iterationStatuses.map((s) => sql.raw(`'${s}'`)),
        sql`, `,
      )})`,
    ),
  ],
);

export const images = pgTable(
  "images",
  {
    id: id(),
    iterationId: text("iteration_id")
      .notNull()
      .references(() => iterations.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    storageKey: text("storage_key").notNull(),
    sha256: text("sha256").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    mediaType: text("media_type").notNull(),
    bytes: integer("bytes").notNull(),
    providerRevisedPrompt: text("provider_revised_prompt"),
    // Who made this image and at what cost: after a fallback or in compare mode, variants differ. NULL on older rows.
    providerId: text("provider_id"),
    model: text("model"),
    seed: integer("seed"),
    ms: integer("ms"),
    costUsd: doublePrecision("cost_usd"),
    /*
     * A clip: `storage_key` is then its poster frame (a JPEG, stored, served and shared like any
     * image, so thumbnails, History and og:image need nothing new) and `video_key` the clip itself.
     */
    videoKey: text("video_key"),
    videoBytes: integer("video_bytes"),
    durationMs: integer("duration_ms"),
    hasAudio: boolean("has_audio"),
    createdAt: createdAt(),
  },
  (t) => [
    index("images_video_key_idx").on(t.videoKey),
    // Target of the critiques' (image_id, iteration_id) key: a critique is of an image of its own iteration.
    unique("images_id_iteration_unique").on(t.id, t.iterationId),
    uniqueIndex("images_iteration_position_idx").on(t.iterationId, t.position),
    index("images_storage_key_idx").on(t.storageKey),
  ],
);

export const critiques = pgTable(
  "critiques",
  {
    id: id(),
    iterationId: text("iteration_id")
      .notNull()
      .references(() => iterations.id, { onDelete: "cascade" }),
    imageId: text("image_id").notNull(),
    result: jsonb("result").$type<Critique | VideoCritique>().notNull(),
    engine: text("engine").$type<EngineKind>().notNull(),
    model: text("model").notNull(),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    cachedTokens: integer("cached_tokens").notNull().default(0),
    costUsd: doublePrecision("cost_usd").notNull().default(0),
    ms: integer("ms").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: "critiques_image_iteration_fk",
      columns: [t.imageId, t.iterationId],
      foreignColumns: [images.id, images.iterationId],
    }).onDelete("cascade"),
    index("critiques_iteration_idx").on(t.iterationId),
    index("critiques_image_idx").on(t.imageId),
  ],
);

/** A designer's reference image: stored bytes (re-encoded, metadata stripped) and the engine's description. */
export const referenceImages = pgTable(
  "reference_images",
  {
    id: id(),
    projectId: text("project_id").notNull(),
    ownerId: text("owner_id").notNull(),
    storageKey: text("storage_key").notNull(),
    sha256: text("sha256").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    mediaType: text("media_type").notNull(),
    bytes: integer("bytes").notNull(),
    description: jsonb("description").$type<ReferenceDescription>().notNull(),
    engine: text("engine").$type<EngineKind>().notNull(),
    model: text("model").notNull(),
    usage: jsonb("usage").$type<Usage>().notNull(),
    costUsd: doublePrecision("cost_usd").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: "reference_images_project_owner_fk",
      columns: [t.projectId, t.ownerId],
      foreignColumns: [projects.id, projects.ownerId],
    }).onDelete("cascade"),
    index("reference_images_project_idx").on(t.projectId, t.createdAt),
    // The image route asks whether an owner has a stored key (lib/images/image-access.ts).
    index("reference_images_owner_key_idx").on(t.ownerId, t.storageKey),
  ],
);

export const imageThreadSources = ["upload", "render", "reference"] as const;
export type ImageThreadSource = (typeof imageThreadSources)[number];

/**
 * An image a designer handed Claude to read (the Describe dialog), and the conversation about
 * it: the summary, then follow-up questions. The image is stored like every other image
 * (content-addressed; a render or reference of the project shares its bytes).
 */
export const imageThreads = pgTable(
  "image_threads",
  {
    id: id(),
    projectId: text("project_id").notNull(),
    ownerId: text("owner_id").notNull(),
    source: text("source").$type<ImageThreadSource>().notNull(),
    /** The upload's file name, as the designer knows the image; NULL for a render or reference. */
    fileName: text("file_name"),
    storageKey: text("storage_key").notNull(),
    sha256: text("sha256").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    mediaType: text("media_type").notNull(),
    bytes: integer("bytes").notNull(),
    /** A clip handed to Describe: `storage_key` is then its poster frame and `video_key` the clip. */
    videoKey: text("video_key"),
    durationMs: integer("duration_ms"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("image_threads_video_key_idx").on(t.videoKey),
    foreignKey({
      name: "image_threads_project_owner_fk",
      columns: [t.projectId, t.ownerId],
      foreignColumns: [projects.id, projects.ownerId],
    }).onDelete("cascade"),
    index("image_threads_project_idx").on(t.projectId, t.createdAt),
    index("image_threads_storage_key_idx").on(t.storageKey),
    check("image_threads_source_check", sql`${t.source} in ('upload', 'render', 'reference')`),
  ],
);

/**
 * What the loop has learned about one image or video model, per project: one row per provider and
 * model, read before every prompt written for it and shown (editable) to the designer.
 */
export const modelNotes = pgTable(
  "model_notes",
  {
    projectId: text("project_id").notNull(),
    ownerId: text("owner_id").notNull(),
    providerId: text("provider_id").notNull(),
    model: text("model").notNull(),
    notes: jsonb("notes").$type<ModelNote[]>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: "model_notes_pk", columns: [t.projectId, t.providerId, t.model] }),
    foreignKey({
      name: "model_notes_project_owner_fk",
      columns: [t.projectId, t.ownerId],
      foreignColumns: [projects.id, projects.ownerId],
    }).onDelete("cascade"),
  ],
);

/** A draft of an exploration round with the iteration that rendered it. */
export type RoundDraft = Draft & { iterationId: string };

/**
 * One auto-iterate round: its k drafts (each rendered as an iteration) and the comparative pick
 * among their renders. The iterations hold the images and critiques; this row holds what ties
 * them into a round.
 */
export const exploreRounds = pgTable(
  "explore_rounds",
  {
    id: id(),
    projectId: text("project_id").notNull(),
    ownerId: text("owner_id").notNull(),
    /** One auto-iterate run: a random id from the browser. */
    runId: text("run_id").notNull(),
    round: integer("round").notNull(),
    drafts: jsonb("drafts").$type<RoundDraft[]>().notNull(),
    pick: jsonb("pick").$type<ComparativePick>().notNull(),
    winnerIterationId: text("winner_iteration_id").notNull(),
    /** The best iteration of the run after this pick (the winner, or the earlier best it did not beat). */
    bestIterationId: text("best_iteration_id").notNull(),
    engine: text("engine").$type<EngineKind>().notNull(),
    model: text("model").notNull(),
    usage: jsonb("usage").$type<Usage>().notNull(),
    costUsd: doublePrecision("cost_usd").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: "explore_rounds_project_owner_fk",
      columns: [t.projectId, t.ownerId],
      foreignColumns: [projects.id, projects.ownerId],
    }).onDelete("cascade"),
    uniqueIndex("explore_rounds_run_round_idx").on(t.runId, t.round),
    index("explore_rounds_project_idx").on(t.projectId, t.createdAt),
  ],
);

/** One answer of a thread: position 0 is the summary (no question), then each follow-up. */
export const imageThreadTurns = pgTable(
  "image_thread_turns",
  {
    id: id(),
    threadId: text("thread_id")
      .notNull()
      .references(() => imageThreads.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    question: text("question"),
    answer: text("answer").notNull(),
    /** The UI language it was asked in: the conversation is sent again exactly as first sent. */
    language: text("language").$type<"en" | "zh">().notNull(),
    engine: text("engine").$type<EngineKind>().notNull(),
    model: text("model").notNull(),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    cachedTokens: integer("cached_tokens").notNull().default(0),
    costUsd: doublePrecision("cost_usd").notNull().default(0),
    ms: integer("ms").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // Two answers racing for the same place: the second is refused, never interleaved.
    uniqueIndex("image_thread_turns_position_idx").on(t.threadId, t.position),
    check("image_thread_turns_summary_check", sql`(${t.position} = 0) = (${t.question} is null)`),
  ],
);

/**
 * What a refine cost, as the server measured it from its own stream. The stream's last event
 * names the row; the render that uses the refined prompt takes its cost onto the iteration
 * once (`used_at`). The browser never says what a refine cost.
 */
export const refines = pgTable(
  "refines",
  {
    id: id(),
    ownerId: text("owner_id").notNull(),
    engine: text("engine").$type<EngineKind>().notNull(),
    model: text("model").notNull(),
    usage: jsonb("usage").$type<Usage>().notNull(),
    costUsd: doublePrecision("cost_usd").notNull(),
    ms: integer("ms").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("refines_owner_idx").on(t.ownerId), index("refines_created_idx").on(t.createdAt)],
);

/**
 * One row per idempotency key of an action that is not an iteration (Apply revision's revise
 * call): the first request claims the key, later ones with the same key read its answer.
 */
export const idempotencyRecords = pgTable(
  "idempotency_records",
  {
    ownerId: text("owner_id").notNull(),
    key: text("key").notNull(),
    kind: text("kind").notNull(),
    requestHash: text("request_hash").notNull(),
    status: text("status").$type<"running" | "done">().notNull().default("running"),
    result: jsonb("result"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ name: "idempotency_records_pk", columns: [t.ownerId, t.key] }), index("idempotency_records_created_idx").on(t.createdAt)],
);

/**
 * The server's spend per UTC day against LOUPE_DAILY_BUDGET_USD. A paid call first adds its
 * estimate under a row lock (refused when it would pass the budget), then swaps the estimate
 * for the real cost; a call cut off by a crash stays counted at its estimate.
 */
export const spendDays = pgTable("spend_days", {
  day: text("day").primaryKey(),
  committedUsd: doublePrecision("committed_usd").notNull().default(0),
  updatedAt: updatedAt(),
});

/**
 * Spend per UTC day of one anonymous client (`subject` is `owner:<key>` or `address:<ip>`),
 * against LOUPE_ANONYMOUS_DAILY_BUDGET_USD: the same reserve-then-settle as `spend_days`, so a
 * stranger cannot spend the studio's whole budget by themselves. Rows of past days are swept.
 */
export const spendSubjectDays = pgTable(
  "spend_subject_days",
  {
    day: text("day").notNull(),
    subject: text("subject").notNull(),
    committedUsd: doublePrecision("committed_usd").notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ name: "spend_subject_days_pk", columns: [t.day, t.subject] })],
);

/**
 * What happened in a project, in order: the events its stream (app/api/projects/[id]/events)
 * sends, kept for a while so a browser that reconnects with Last-Event-ID gets what it missed.
 */
export const projectEvents = pgTable(
  "project_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    projectId: text("project_id").notNull(),
    ownerId: text("owner_id").notNull(),
    type: text("type").notNull(),
    data: jsonb("data").$type<unknown>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("project_events_project_idx").on(t.projectId, t.id),
    index("project_events_created_idx").on(t.createdAt),
    foreignKey({ name: "project_events_project_owner_fk", columns: [t.projectId, t.ownerId], foreignColumns: [projects.id, projects.ownerId] }).onDelete("cascade"),
  ],
);

/** An auto-iterate run, driven on the server one round job at a time (lib/workflows/auto-iterate.ts). */
export const autoRuns = pgTable(
  "auto_runs",
  {
    id: id(),
    projectId: text("project_id").notNull(),
    ownerId: text("owner_id").notNull(),
    settings: jsonb("settings").$type<AutoSettings>().notNull(),
    /** Everything round 1 renders with: the prompt, its parent, the draft, params and reference. */
    start: jsonb("start").$type<AutoRunStart>().notNull(),
    status: text("status").$type<"running" | "finished">().notNull().default("running"),
    round: integer("round").notNull().default(0),
    results: jsonb("results").$type<RoundResult[]>().notNull().default([]),
    /** The drafts the next round renders (the first drafts, then each review's), so a retried round renders them again instead of paying for new ones. */
    drafts: jsonb("drafts").$type<Draft[]>().notNull().default([]),
    outcome: text("outcome").$type<AutoOutcome>(),
    bestIterationId: text("best_iteration_id"),
    error: jsonb("error").$type<PublicError>(),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("auto_runs_project_idx").on(t.projectId, t.createdAt),
    foreignKey({ name: "auto_runs_project_owner_fk", columns: [t.projectId, t.ownerId], foreignColumns: [projects.id, projects.ownerId] }).onDelete("cascade"),
  ],
);

/**
 * The budget a job's paid calls reserved and has not settled yet. A job that dies mid-call
 * leaves its rows; its retry gives them back before it reserves again, so a crash never
 * counts one job's spend twice.
 */
export const jobReservations = pgTable(
  "job_reservations",
  {
    id: id(),
    jobId: text("job_id").notNull(),
    day: text("day").notNull(),
    usd: doublePrecision("usd").notNull(),
    /** Which rows it was taken from: the studio's day (spend_days) and the visitor's (spend_subject_days). */
    studio: boolean("studio").notNull().default(true),
    subjects: jsonb("subjects").$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index("job_reservations_job_idx").on(t.jobId)],
);

export const shares = pgTable(
  "shares",
  {
    id: id(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    // NULL = the whole trail. Its composite key below is only checked when set (MATCH SIMPLE).
    iterationId: text("iteration_id"),
    scope: text("scope").$type<ShareScope>().notNull(),
    // Only a hash of the token is stored: a leaked database does not leak working links.
    tokenHash: text("token_hash").notNull().unique("shares_token_hash_unique"),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    foreignKey({
      name: "shares_iteration_project_fk",
      columns: [t.iterationId, t.projectId],
      foreignColumns: [iterations.id, iterations.projectId],
    }).onDelete("cascade"),
    index("shares_project_idx").on(t.projectId),
    check("shares_scope_check", sql`${t.scope} in ('iteration', 'trail')`),
    check("shares_iteration_scope_check", sql`${t.scope} <> 'iteration' or ${t.iterationId} is not null`),
  ],
);

export const projectsRelations = relations(projects, ({ many }) => ({
  iterations: many(iterations),
  shares: many(shares),
}));

export const iterationsRelations = relations(iterations, ({ one, many }) => ({
  project: one(projects, { fields: [iterations.projectId], references: [projects.id] }),
  images: many(images),
  critiques: many(critiques),
}));

export const imagesRelations = relations(images, ({ one, many }) => ({
  iteration: one(iterations, { fields: [images.iterationId], references: [iterations.id] }),
  critiques: many(critiques),
}));

export const critiquesRelations = relations(critiques, ({ one }) => ({
  iteration: one(iterations, { fields: [critiques.iterationId], references: [iterations.id] }),
  image: one(images, { fields: [critiques.imageId], references: [images.id] }),
}));

export const sharesRelations = relations(shares, ({ one }) => ({
  project: one(projects, { fields: [shares.projectId], references: [projects.id] }),
  iteration: one(iterations, { fields: [shares.iterationId], references: [iterations.id] }),
}));

export type Project = typeof projects.$inferSelect;
export type NewProject = typeof projects.$inferInsert;
export type Iteration = typeof iterations.$inferSelect;
export type NewIteration = typeof iterations.$inferInsert;
export type Image = typeof images.$inferSelect;
export type NewImage = typeof images.$inferInsert;
export type CritiqueRow = typeof critiques.$inferSelect;
export type NewCritique = typeof critiques.$inferInsert;
export type ReferenceImage = typeof referenceImages.$inferSelect;
export type NewReferenceImage = typeof referenceImages.$inferInsert;
export type Share = typeof shares.$inferSelect;
export type ImageThread = typeof imageThreads.$inferSelect;
export type NewImageThread = typeof imageThreads.$inferInsert;
export type ImageThreadTurn = typeof imageThreadTurns.$inferSelect;
export type NewImageThreadTurn = typeof imageThreadTurns.$inferInsert;
export type NewShare = typeof shares.$inferInsert;
export type ExploreRound = typeof exploreRounds.$inferSelect;
export type NewExploreRound = typeof exploreRounds.$inferInsert;
export type Refine = typeof refines.$inferSelect;
export type NewRefine = typeof refines.$inferInsert;
