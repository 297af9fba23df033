import "server-only";
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { LoupeError } from "@/lib/errors";
import { getDb } from "./client";
import {
  critiques,
  images,
  imageThreads,
  iterations,
  projects,
  referenceImages,
  refines,
  shares,
  type CritiqueRow,
  type Image,
  type Iteration,
  type NewCritique,
  type NewImage,
  type NewIteration,
  type NewRefine,
  type NewReferenceImage,
  type NewShare,
  type Project,
  type ReferenceImage,
  type Refine,
  type Share,
} from "./schema";

export type ProjectSummary = Project & { iterationCount: number; thumbnailKey: string | null };
export type IterationWithMedia = Iteration & { images: Image[]; critiques: CritiqueRow[] };
/** What the pipeline may change on an iteration after it is created. */
export type IterationPatch = Partial<
  Omit<NewIteration, "id" | "projectId" | "ownerId" | "idempotencyKey" | "requestHash" | "createdAt" | "updatedAt">
>;

const UNIQUE_VIOLATION = "23505";

function first<T>(rows: T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error("Expected the statement to return a row");
  return row;
}

/** drizzle wraps driver errors; pg and PGlite both put the SQLSTATE on the cause as `code`. */
function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

// ── Projects ───────────────────────────────────────────────────────────────────────────────

/** `id`: a job that makes a project names it, so its retry finds that project instead of making another. */
export async function createProject({ ownerId, name, id }: { ownerId: string; name: string; id?: string }): Promise<Project> {
  const db = await getDb();
  return first(await db.insert(projects).values({ ownerId, name, ...(id ? { id } : {}) }).returning());
}

/** The owner's projects, newest first, with what a project card shows. */
export async function listProjects(ownerId: string): Promise<ProjectSummary[]> {
  const db = await getDb();
  const counts = db
    .select({ projectId: iterations.projectId, n: count().as("n") })
    .from(iterations)
    .where(eq(iterations.ownerId, ownerId))
    .groupBy(iterations.projectId)
    .as("iteration_counts");
  // Lateral: "the newest image of this project" is a per-row limit, which a plain join cannot express.
  const thumbnail = db
    .select({ key: images.storageKey })
    .from(images)
    .innerJoin(iterations, eq(iterations.id, images.iterationId))
    .where(eq(iterations.projectId, projects.id))
    .orderBy(desc(images.createdAt), desc(iterations.createdAt), asc(images.position))
    .limit(1)
    .as("thumbnail");
  const rows = await db
    .select({ project: projects, count: counts.n, thumbnailKey: thumbnail.key })
    .from(projects)
    .leftJoin(counts, eq(counts.projectId, projects.id))
    .leftJoinLateral(thumbnail, sql`true`)
    .where(eq(projects.ownerId, ownerId))
    .orderBy(desc(projects.createdAt), desc(projects.id));
  return rows.map((r) => ({ ...r.project, iterationCount: Number(r.count ?? 0), thumbnailKey: r.thumbnailKey }));
}

export async function getProject({ ownerId, projectId }: { ownerId: string; projectId: string }): Promise<Project | null> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.ownerId, ownerId)));
  return rows[0] ?? null;
}

export async function renameProject({
  ownerId,
  projectId,
  name,
}: {
  ownerId: string;
  projectId: string;
  name: string;
}): Promise<Project | null> {
  const db = await getDb();
  const rows = await db
    .update(projects)
    .set({ name })
    .where(and(eq(projects.id, projectId), eq(projects.ownerId, ownerId)))
    .returning();
  return rows[0] ?? null;
}

/**
 * Deletes a project with everything in it. Returns the storage keys that no remaining image
 * uses (images are content-addressed, so another project may hold the same bytes), or null
 * when the owner has no such project.
 */
export async function deleteProject({
  ownerId,
  projectId,
}: {
  ownerId: string;
  projectId: string;
}): Promise<string[] | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const held = await tx
      .selectDistinct({ key: images.storageKey })
      .from(images)
      .innerJoin(iterations, eq(iterations.id, images.iterationId))
      .where(and(eq(iterations.projectId, projectId), eq(iterations.ownerId, ownerId)))
      .union(tx.select({ key: sql<string>`${iterations.maskStorageKey}` }).from(iterations).where(and(eq(iterations.projectId, projectId), eq(iterations.ownerId, ownerId), isNotNull(iterations.maskStorageKey))));
    const deleted = await tx
      .delete(projects)
      .where(and(eq(projects.id, projectId), eq(projects.ownerId, ownerId)))
      .returning({ id: projects.id });
    if (deleted.length === 0) return null;
    const keys = held.map((r) => r.key);
    if (keys.length === 0) return [];
    // Content-addressed: the same bytes may be another project's render, reference or described image.
    const stillUsed = await tx
      .select({ key: images.storageKey })
      .from(images)
      .where(inArray(images.storageKey, keys))
      .union(tx.select({ key: referenceImages.storageKey }).from(referenceImages).where(inArray(referenceImages.storageKey, keys)))
      .union(tx.select({ key: imageThreads.storageKey }).from(imageThreads).where(inArray(imageThreads.storageKey, keys)))
      .union(tx.select({ key: sql<string>`${iterations.maskStorageKey}` }).from(iterations).where(inArray(iterations.maskStorageKey, keys)));
    const used = new Set(stillUsed.map((r) => r.key));
    return keys.filter((key) => !used.has(key));
  });
}

// ── Iterations ─────────────────────────────────────────────────────────────────────────────

/**
 * Throws `LoupeError("conflict")` when the owner already used the idempotency key: the caller
 * then reads the first iteration with `findIterationByIdempotencyKey`. With `refineId`, the
 * owner's refine that wrote the prompt puts its cost on the new row, once: in the same
 * transaction, so an insert that fails leaves the refine for the next one.
 */
export async function insertIteration(row: NewIteration, { refineId }: { refineId?: string | null } = {}): Promise<Iteration> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [refine] = refineId
        ? await tx
            .update(refines)
            .set({ usedAt: sql`now()` })
            .where(and(eq(refines.id, refineId), eq(refines.ownerId, row.ownerId), isNull(refines.usedAt)))
            .returning()
        : [];
      const refined = refine ? { refineUsage: refine.usage, refineCostUsd: refine.costUsd, timings: { ...row.timings, refineMs: refine.ms } } : {};
      return first(await tx.insert(iterations).values({ ...row, ...refined }).returning());
    });
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) throw new LoupeError("conflict", { cause: error });
    throw error;
  }
}

/** A finished refine stream's cost, kept until a render takes it (see `insertIteration`). */
export async function insertRefine(row: NewRefine): Promise<Refine> {
  const db = await getDb();
  return first(await db.insert(refines).values(row).returning());
}

export async function updateIteration({ id, patch }: { id: string; patch: IterationPatch }): Promise<Iteration | null> {
  const db = await getDb();
  const rows = await db.update(iterations).set(patch).where(eq(iterations.id, id)).returning();
  return rows[0] ?? null;
}

export async function findIterationByIdempotencyKey({
  ownerId,
  key,
}: {
  ownerId: string;
  key: string;
}): Promise<Iteration | null> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(iterations)
    .where(and(eq(iterations.ownerId, ownerId), eq(iterations.idempotencyKey, key)));
  return rows[0] ?? null;
}

export async function insertImages(rows: NewImage[]): Promise<Image[]> {
  if (rows.length === 0) return [];
  const db = await getDb();
  return db.insert(images).values(rows).returning();
}

export async function insertCritique(row: NewCritique): Promise<CritiqueRow> {
  const db = await getDb();
  return first(await db.insert(critiques).values(row).returning());
}

const mediaOfIteration = {
  images: { orderBy: [asc(images.position)] },
  critiques: { orderBy: [asc(critiques.createdAt), asc(critiques.id)] },
};

/** A project's iterations, oldest first, with images by position. The caller checks ownership. */
export async function loadProjectIterations({ projectId }: { projectId: string }): Promise<IterationWithMedia[]> {
  const db = await getDb();
  return db.query.iterations.findMany({
    where: eq(iterations.projectId, projectId),
    orderBy: [asc(iterations.createdAt), asc(iterations.id)],
    with: mediaOfIteration,
  });
}

/** One iteration with its images and critiques, for callers holding another claim to it (a share link). */
export async function loadIteration({ iterationId }: { iterationId: string }): Promise<IterationWithMedia | null> {
  const db = await getDb();
  const row = await db.query.iterations.findFirst({
    where: eq(iterations.id, iterationId),
    with: mediaOfIteration,
  });
  return row ?? null;
}

/** One of the owner's iterations with its images and critiques; null for another owner's or none. */
export async function loadOwnedIteration({ ownerId, iterationId }: { ownerId: string; iterationId: string }): Promise<IterationWithMedia | null> {
  const db = await getDb();
  const row = await db.query.iterations.findFirst({
    where: and(eq(iterations.id, iterationId), eq(iterations.ownerId, ownerId)),
    with: mediaOfIteration,
  });
  return row ?? null;
}

/** Iterations by id, with their media, in the order of `ids`. The caller checks its claim to them. */
export async function loadIterations({ ids }: { ids: readonly string[] }): Promise<IterationWithMedia[]> {
  if (ids.length === 0) return [];
  const db = await getDb();
  const rows = await db.query.iterations.findMany({ where: inArray(iterations.id, [...ids]), with: mediaOfIteration });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The line an iteration grew from: up to `max` ancestors inside its project, oldest first, in
 * one recursive query (PostgreSQL and PGlite alike) rather than a query per step.
 */
export async function ancestorsOf({ iterationId, projectId, max }: { iterationId: string; projectId: string; max: number }): Promise<Array<{ id: string; renderedPrompt: string }>> {
  const db = await getDb();
  const result = await db.execute(sql`
    with recursive line (id, parent_id, rendered_prompt, depth) as (
      select ${iterations.id}, ${iterations.parentId}, ${iterations.renderedPrompt}, 0
        from ${iterations} where ${iterations.id} = ${iterationId} and ${iterations.projectId} = ${projectId}
      union all
      select i.id, i.parent_id, i.rendered_prompt, line.depth + 1
        from ${iterations} i join line on i.id = line.parent_id
        where i.project_id = ${projectId} and line.depth < ${max}
    )
    select id, rendered_prompt as "renderedPrompt" from line where depth > 0 order by depth desc`);
  // Both drivers answer `execute` with `{ rows }`.
  return (result as unknown as { rows: Array<{ id: string; renderedPrompt: string }> }).rows;
}

// ── Reference images ───────────────────────────────────────────────────────────────────────

/** The caller checks that the owner owns the project. */
export async function insertReferenceImage(row: NewReferenceImage): Promise<ReferenceImage> {
  const db = await getDb();
  return first(await db.insert(referenceImages).values(row).returning());
}

export async function getReferenceImage({ ownerId, referenceId }: { ownerId: string; referenceId: string }): Promise<ReferenceImage | null> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(referenceImages)
    .where(and(eq(referenceImages.id, referenceId), eq(referenceImages.ownerId, ownerId)));
  return rows[0] ?? null;
}

/** A project's references, oldest first. The caller checks ownership. */
export async function listReferenceImages({ projectId }: { projectId: string }): Promise<ReferenceImage[]> {
  const db = await getDb();
  return db.select().from(referenceImages).where(eq(referenceImages.projectId, projectId)).orderBy(asc(referenceImages.createdAt));
}

// ── Shares ─────────────────────────────────────────────────────────────────────────────────

/** The caller checks that the project (and iteration) belong to the owner creating the link. */
export async function createShare(row: NewShare): Promise<Share> {
  const db = await getDb();
  return first(await db.insert(shares).values(row).returning());
}

/** The share whatever its state: the page tells a revoked or expired link (`isShareActive`) from an unknown one. */
export async function findShareByTokenHash(tokenHash: string): Promise<Share | null> {
  const db = await getDb();
  const rows = await db.select().from(shares).where(eq(shares.tokenHash, tokenHash));
  return rows[0] ?? null;
}

export function isShareActive(share: Share, now: Date = new Date()): boolean {
  return share.revokedAt === null && (share.expiresAt === null || share.expiresAt > now);
}

const ownedProjectIds = (ownerId: string) =>
  sql`(select ${projects.id} from ${projects} where ${projects.ownerId} = ${ownerId})`;

/** Revokes a link of one of the owner's projects. Revoking twice keeps the first time. */
export async function revokeShare({ ownerId, shareId }: { ownerId: string; shareId: string }): Promise<Share | null> {
  const db = await getDb();
  const rows = await db
    .update(shares)
    .set({ revokedAt: sql`coalesce(${shares.revokedAt}, now())` })
    .where(and(eq(shares.id, shareId), sql`${shares.projectId} in ${ownedProjectIds(ownerId)}`))
    .returning();
  return rows[0] ?? null;
}

export async function listShares({ ownerId, projectId }: { ownerId: string; projectId: string }): Promise<Share[]> {
  const db = await getDb();
  return db
    .select()
    .from(shares)
    .where(and(eq(shares.projectId, projectId), sql`${shares.projectId} in ${ownedProjectIds(ownerId)}`))
    .orderBy(desc(shares.createdAt), desc(shares.id));
}

/** The prompt an owner's stored image was rendered from, or null when the owner has no such image. */
/** Whether `storageKey` is one of the owner's renders or reference images (the image route's ownership check). */
export async function ownerHasStorageKey({ ownerId, storageKey }: { ownerId: string; storageKey: string }): Promise<boolean> {
  const db = await getDb();
  const rendered = await db
    .select({ one: sql<number>`1` })
    .from(images)
    .innerJoin(iterations, eq(iterations.id, images.iterationId))
    .where(and(eq(images.storageKey, storageKey), eq(iterations.ownerId, ownerId)))
    .limit(1);
  if (rendered.length > 0) return true;
  const referenced = await db
    .select({ one: sql<number>`1` })
    .from(referenceImages)
    .where(and(eq(referenceImages.storageKey, storageKey), eq(referenceImages.ownerId, ownerId)))
    .limit(1);
  if (referenced.length > 0) return true;
  // An image handed to Describe is the owner's too, though it may be neither a render nor a reference.
  const described = await db
    .select({ one: sql<number>`1` })
    .from(imageThreads)
    .where(and(eq(imageThreads.storageKey, storageKey), eq(imageThreads.ownerId, ownerId)))
    .limit(1);
  if (described.length > 0) return true;
  // The region painted for one of the owner's edits (History and Compare draw it over the image).
  const painted = await db
    .select({ one: sql<number>`1` })
    .from(iterations)
    .where(and(eq(iterations.maskStorageKey, storageKey), eq(iterations.ownerId, ownerId)))
    .limit(1);
  return painted.length > 0;
}

export async function findOwnedImage({
  ownerId,
  storageKey,
}: {
  ownerId: string;
  storageKey: string;
}): Promise<{ renderedPrompt: string; position: number } | null> {
  const db = await getDb();
  const rows = await db
    .select({ renderedPrompt: iterations.renderedPrompt, position: images.position })
    .from(images)
    .innerJoin(iterations, eq(iterations.id, images.iterationId))
    .where(and(eq(images.storageKey, storageKey), eq(iterations.ownerId, ownerId)))
    .limit(1);
  return rows[0] ?? null;
}

/** Whether the owner has the clip stored under `videoKey`: a render of theirs, or a clip they handed to Describe. */
export async function ownerHasVideoKey({ ownerId, videoKey }: { ownerId: string; videoKey: string }): Promise<boolean> {
  const db = await getDb();
  const [rendered, described] = await Promise.all([
    db
      .select({ id: images.id })
      .from(images)
      .innerJoin(iterations, eq(iterations.id, images.iterationId))
      .where(and(eq(images.videoKey, videoKey), eq(iterations.ownerId, ownerId)))
      .limit(1),
    db
      .select({ id: imageThreads.id })
      .from(imageThreads)
      .where(and(eq(imageThreads.videoKey, videoKey), eq(imageThreads.ownerId, ownerId)))
      .limit(1),
  ]);
  return rendered.length + described.length > 0;
}
