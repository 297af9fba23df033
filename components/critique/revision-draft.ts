import { reviseAction } from "@/app/(studio)/actions";
import type { PublicError } from "@/lib/errors";
import type { IterationView } from "@/lib/schemas/iteration";
import type { StudioStore } from "@/lib/store/studio-store";
import { emptySteering, revisionRequest, revisionWithoutCall, type RevisionDraft, type SteeringStore } from "@/lib/store/steering-store";

/*
 * The revised prompt the critique panel shows before "Apply revision": written again from the
 * designer's decisions once they settle (one revise call per settled change, each under its own
 * idempotency key), and read by Apply, which waits for a change still being written so it never
 * renders a stale prompt. No call while every fix is kept: the critique's own revision applies.
 */

/** How long the decisions must rest before a revision is written: a burst of clicks is one call. */
export const REVISION_DEBOUNCE_MS = 700;

/** The page's steering store holds the decisions and the drafts; `studio`, when given, is told what a written revision cost (see addReviseSpend). */
type Target = { iteration: IterationView; steering: SteeringStore; studio?: StudioStore };

const timers = new Map<string, ReturnType<typeof setTimeout>>();
const inFlight = new Map<string, Promise<RevisionDraft>>();

/** The critique revisions are written from: the chosen variant, else the best (as reviseAction picks it). */
function activeCritique(iteration: IterationView) {
  return iteration.critiques.find((c) => c.imageId === (iteration.selectedImageId ?? iteration.bestImageId)) ?? iteration.critiques[0];
}

function wanted({ iteration, steering: store }: Target) {
  const critique = activeCritique(iteration);
  if (!critique) return null;
  const steering = store.getState().byIteration[iteration.id] ?? emptySteering;
  const request = revisionRequest({ steering, issueIds: critique.result.issues.map((issue) => issue.id) });
  const basis = Object.keys(request).length === 0 ? "" : JSON.stringify(request);
  return { critique, request, basis };
}

/** The draft as it stands, if it was written for the current decisions (or rewritten by hand). */
export function currentRevision({ iteration, steering }: Target): RevisionDraft | null {
  const want = wanted({ iteration, steering });
  const draft = steering.getState().revisions[iteration.id];
  if (!want || !draft || draft.imageId !== want.critique.imageId) return null;
  return draft.handEdited || draft.basis === want.basis ? draft : null;
}

/** Writes the revision for the decisions as they are now, or returns the one already written or being written. */
export async function settleRevision({ iteration, steering, studio }: Target): Promise<RevisionDraft | null> {
  clearTimeout(timers.get(iteration.id));
  timers.delete(iteration.id);
  const want = wanted({ iteration, steering });
  if (!want) return null;
  const existing = currentRevision({ iteration, steering });
  if (existing && existing.status !== "failed" && existing.status !== "writing") return existing;
  const flightKey = `${iteration.id}:${want.critique.imageId}:${want.basis}`;
  const pending = inFlight.get(flightKey);
  if (pending) return pending;

  const base = { iterationId: iteration.id, imageId: want.critique.imageId, basis: want.basis, handEdited: false, error: null, spend: null };
  const free = revisionWithoutCall({ request: want.request, revisedPrompt: want.critique.result.revisedPrompt, currentPrompt: iteration.renderedPrompt });
  if (free !== undefined) {
    const draft: RevisionDraft = { ...base, prompt: free, status: "ready" };
    steering.getState().setRevision(draft);
    return draft;
  }
  const before = steering.getState().revisions[iteration.id];
  // The previous text stays on screen, marked as being rewritten, until the new one lands.
  steering.getState().setRevision({ ...base, prompt: before?.prompt ?? want.critique.result.revisedPrompt, status: "writing" });
  const write = reviseAction({ iterationId: iteration.id, imageId: want.critique.imageId, idempotencyKey: crypto.randomUUID(), ...want.request })
    .catch((): { ok: false; error: PublicError } => ({ ok: false, error: { code: "internal", message: "The revision could not be written: the connection dropped.", retryable: true } }))
    .then((result): RevisionDraft => {
      const draft: RevisionDraft = result.ok
        ? { ...base, prompt: result.value.prompt, status: "ready", spend: { costUsd: result.value.costUsd, usage: result.value.usage } }
        : { ...base, prompt: before?.prompt ?? want.critique.result.revisedPrompt, status: "failed", error: result.error };
      if (result.ok && result.value.costUsd + result.value.usage.inputTokens > 0) {
        studio?.getState().addReviseSpend({ iterationId: iteration.id, costUsd: result.value.costUsd, usage: result.value.usage });
      }
      // A later decision (or a hand edit) superseded this one while it was written: keep what is newer.
      const now = steering.getState().revisions[iteration.id];
      if (now && !now.handEdited && now.basis === want.basis) steering.getState().setRevision(draft);
      return draft;
    })
    .finally(() => inFlight.delete(flightKey));
  inFlight.set(flightKey, write);
  return write;
}

/** After a change to the decisions: write the revision once they have rested. */
export function scheduleRevision({ iteration, steering, studio }: Target): void {
  clearTimeout(timers.get(iteration.id));
  const want = wanted({ iteration, steering });
  if (!want) return;
  const existing = currentRevision({ iteration, steering });
  if (existing?.handEdited) return;
  // Free answers are shown at once; only a paid rewrite waits for the decisions to settle.
  if (revisionWithoutCall({ request: want.request, revisedPrompt: want.critique.result.revisedPrompt, currentPrompt: iteration.renderedPrompt }) !== undefined) {
    void settleRevision({ iteration, steering, studio });
    return;
  }
  const draft = steering.getState().revisions[iteration.id];
  if (draft && draft.basis !== want.basis && draft.status !== "writing") steering.getState().setRevision({ ...draft, status: "writing" });
  timers.set(
    iteration.id,
    setTimeout(() => void settleRevision({ iteration, steering, studio }), REVISION_DEBOUNCE_MS),
  );
}

/** Drops a hand edit: the prompt follows the decisions again. */
export function resetRevision({ iteration, steering, studio }: Target): void {
  const draft = steering.getState().revisions[iteration.id];
  if (draft) steering.getState().setRevision({ ...draft, handEdited: false, basis: "\u0000stale" });
  void settleRevision({ iteration, steering, studio });
}

export function cancelScheduledRevision(iterationId: string): void {
  clearTimeout(timers.get(iterationId));
  timers.delete(iterationId);
}
