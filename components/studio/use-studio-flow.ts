"use client";

import { useCallback } from "react";
import { awaitCritiqueAction, critiqueAction, generateAction, generateVideoAction } from "@/app/(studio)/actions";
import type { PublicError } from "@/lib/errors";
import { errorText, type Translate } from "@/lib/i18n";
import { useLocale, useT } from "@/lib/i18n/client";
import { normalisePrompt, MAX_PROMPT_LENGTH } from "@/lib/schemas/prompt-text";
import { formatScore } from "@/lib/schemas/score";
import type { IterationView, MediaKind } from "@/lib/schemas/iteration";
import type { GenerateAnswer, GenerateRequest, GenerateVideoRequest } from "@/lib/schemas/studio-requests";
import type { Result } from "@/lib/errors";
import { readRefineStream } from "./read-refine-stream";
import { useReferenceStore, useSteeringStore, useStudioStore } from "./studio-context";

/** Checked in the browser for an instant message in the UI's language; the server checks again with zod. */
function checkPrompt(text: string, t: Translate): PublicError | null {
  const normalised = normalisePrompt(text);
  const code = !normalised ? "empty_prompt" : normalised.length > MAX_PROMPT_LENGTH ? "prompt_too_long" : null;
  return code && { code, message: t(`error.${code}`, { max: MAX_PROMPT_LENGTH }), retryable: false };
}

/**
 * The loop as the designer drives it: refine → generate → critique → apply revision.
 * The server chains render → critique (lib/jobs/chain.ts); the browser waits for each in turn,
 * so the image shows before the critique arrives and a failed critique never takes the image with it.
 */
export type StudioFlow = ReturnType<typeof useStudioFlow>;

export function useStudioFlow() {
  const store = useStudioStore();
  const references = useReferenceStore();
  const steeringStore = useSteeringStore();
  const t = useT();
  const locale = useLocale();
  const say = useCallback((error: PublicError) => errorText({ t, locale, error }), [t, locale]);

  const refine = useCallback(async () => {
    const s = store.getState();
    if (s.stage !== "idle") return;
    const problem = checkPrompt(s.draft, t);
    if (problem) return s.setFormError(problem);
    const earlier = s.refinedPrompt;
    s.setStage("refining");
    s.setRefinedPrompt("");
    s.announce(t("announce.refining"));
    const target = { providerId: s.params.providerId, model: s.params.model, projectId: s.projectId };
    const result = await readRefineStream({ draft: s.draft, target, onDelta: (text) => store.getState().appendRefined(text) });
    const after = store.getState();
    if (result.ok) {
      after.setRefinedPrompt(result.value.prompt);
      after.setRefineId(result.value.refineId);
      after.announce(t("announce.refined"));
    } else {
      // A refused or failed refine gives back the prompt it was about to replace (the designer may have edited it).
      after.setRefinedPrompt(earlier);
      after.setFormError(result.error);
      after.announce(say(result.error));
    }
    after.setStage("idle");
  }, [store, t, say]);

  /** `chained`: wait for the critique the render job sent itself; otherwise (Critique, Retry critique) ask for a fresh one. */
  const critiqueWith = useCallback(
    async ({ iterationId, alsoTried, chained }: { iterationId: string; alsoTried?: string[]; chained: boolean }): Promise<IterationView | null> => {
      const s = store.getState();
      s.setStage("critiquing");
      s.announce(t("announce.critiquing"));
      const action = chained ? awaitCritiqueAction : critiqueAction;
      const result = await action({ iterationId, alsoTried }).catch(() => connectionLost(t));
      const after = store.getState();
      if (result.ok) {
        after.upsertIteration(result.value);
        after.announce(announceCritique({ t, say, iteration: result.value }));
      } else {
        after.announce(t("announce.critiqueFailed", { message: say(result.error) }));
      }
      after.setStage("idle");
      return result.ok ? result.value : null;
    },
    [store, t, say],
  );

  const critique = useCallback((iterationId: string, alsoTried?: string[]) => critiqueWith({ iterationId, alsoTried, chained: false }), [critiqueWith]);

  const render = useCallback(
    async ({
      prompt,
      parentId,
      variants,
      resend,
      idempotencyKey = resend?.idempotencyKey ?? crypto.randomUUID(),
      alsoTried,
      seed,
      animateImageId,
      output,
      critiqueAfter = true,
      edit,
      draft,
    }: {
      prompt: string;
      /** Continue from a render: the whole image, or (with a mask) only a painted region. */
      edit?: { inputImageId: string; maskKey?: string };
      /** A region edit's instruction is its own draft; otherwise the Prompt box's. */
      draft?: string;
      parentId: string | null;
      /** Auto-iterate asks for k drafts per round without touching the designer's own setting. */
      variants?: number;
      /** Auto-iterate asks for a fresh seed when a round repeats a prompt, so it is a new draft rather than a copy. */
      seed?: number;
      idempotencyKey?: string;
      alsoTried?: string[];
      /** Retry: the exact earlier request, key included. */
      resend?: GenerateRequest | GenerateVideoRequest;
      /** Animate: a clip of this still of `parentId` (output Video whatever the radio says). */
      animateImageId?: string;
      /** What to make, when not what the Output radios say (Apply revision makes what it revises). */
      output?: MediaKind;
      /** Critique on the server once stored, the browser only waiting for it (default); false renders without a critique. */
      critiqueAfter?: boolean;
    }): Promise<IterationView | null> => {
      const s = store.getState();
      s.setStage("generating");
      const clip = resend ? "video" in resend : animateImageId !== undefined || (output ?? s.output) === "video";
      s.announce(t(clip ? "announce.renderingClip" : "announce.rendering"));
      s.setRenderKey(idempotencyKey);
      const moodboard = references.getState().moodboard;
      // The server critiques the render itself once it is stored (and in the studio's language), so a closed tab still gets its critique.
      const common = { projectId: s.projectId, parentId, draft: draft ?? s.draft, prompt, refinedPrompt: draft ?? s.refinedPrompt, refineId: s.refineId, idempotencyKey, critiqueAfter, ...(alsoTried?.length ? { alsoTried } : {}) };
      const input: GenerateRequest | GenerateVideoRequest =
        resend ??
        (clip
          ? { ...common, video: { ...s.videoParams, ...(seed !== undefined ? { seed } : {}) }, animateImageId: animateImageId ?? null }
          : {
              ...common,
              params: { ...s.params, ...(variants ? { n: variants } : {}), ...(seed !== undefined ? { seed } : {}) },
              // The moodboard, when it has references, takes the single reference's place.
              referenceId: moodboard.length > 0 ? null : references.getState().activeId,
              edit: edit || moodboard.length > 0 ? { ...edit, ...(moodboard.length > 0 ? { moodboard } : {}) } : null,
            });
      // Kept until the result is seen: a lost connection or a failure is retried with the same key.
      s.setRetryRender({ input, alsoTried });
      const send = (): Promise<Result<GenerateAnswer>> => ("video" in input ? generateVideoAction(input) : generateAction(input));
      const result = await send().catch(() => connectionLost(t));
      const after = store.getState();
      // Seen and final (a render, or a failure Retry cannot fix): the key is spent.
      if (result.ok ? result.value.iteration.status !== "failed" : !result.error.retryable) after.setRetryRender(null);
      if (!result.ok) {
        after.setFormError(result.error);
        after.announce(t("announce.generateFailed", { message: say(result.error) }));
        after.setStage("idle");
        return null;
      }
      const { iteration, project } = result.value;
      if (after.projectId !== project.id) {
        after.setProject(project);
        // Keep the URL shareable with the owner's own tabs without remounting the studio.
        window.history.replaceState(null, "", `/p/${project.id}`);
      }
      after.upsertIteration(iteration);
      after.setRefineId(null);
      if (iteration.status === "failed") {
        after.setFormError(iteration.error);
        after.announce(t("announce.generateFailed", { message: iteration.error ? say(iteration.error) : "" }));
        after.setStage("idle");
        return null;
      }
      after.announce(iteration.mediaKind === "video" ? t("announce.clipReady") : t("announce.imageReady", { count: iteration.images.length }));
      if (!critiqueAfter) return iteration;
      return critiqueWith({ iterationId: iteration.id, alsoTried, chained: true });
    },
    [store, references, critiqueWith, t, say],
  );

  const generate = useCallback(async () => {
    const s = store.getState();
    if (s.stage !== "idle") return;
    const prompt = s.refinedPrompt.trim() ? s.refinedPrompt : s.draft;
    const problem = checkPrompt(s.draft, t) ?? checkPrompt(prompt, t);
    if (problem) return s.setFormError(problem);
    const input = references.getState().input;
    await render({ prompt, parentId: s.currentId, ...(input ? { edit: { inputImageId: input.imageId } } : {}) });
  }, [store, references, render, t]);

  /** A region painted on a render, with what should change there: a child of that render, critiqued on the region and outside it. */
  const editRegion = useCallback(
    async ({ iterationId, imageId, maskKey, instruction }: { iterationId: string; imageId: string; maskKey: string; instruction: string }) => {
      const s = store.getState();
      if (s.stage !== "idle") return null;
      const problem = checkPrompt(instruction, t);
      if (problem) return s.setFormError(problem), null;
      return render({ prompt: instruction, draft: instruction, parentId: iterationId, edit: { inputImageId: imageId, maskKey }, idempotencyKey: crypto.randomUUID() });
    },
    [store, render, t],
  );

  /** Retry after a failed or unanswered render: the same request and key (see lib/server/idempotency.ts). */
  const retryRender = useCallback(async () => {
    const s = store.getState();
    if (s.stage !== "idle" || !s.retryRender) return;
    const { input, alsoTried } = s.retryRender;
    s.setFormError(null);
    await render({ prompt: input.prompt, parentId: input.parentId, resend: input, alsoTried });
  }, [store, render]);

  /*
   * One click: "Apply revision" (or Ctrl/Cmd+Shift+Enter) renders the revised prompt the critique
   * panel shows — waiting first for a change of the decisions still being written — as a child of
   * the critiqued iteration; its render job then critiques the new image and render() waits for it.
   */
  const applyRevision = useCallback(async () => {
    const s = store.getState();
    const current = s.iterations.find((i) => i.id === s.currentId);
    if (s.stage !== "idle" || !current || current.critiques.length === 0) return;
    // Set before anything is awaited, so a second click (or key press) finds the studio busy.
    s.setStage("revising");
    s.announce(t("announce.revising"));
    // Loaded here, not with the studio: the critique panel that shows the revision has already loaded it.
    const { settleRevision } = await import("@/components/critique/revision-draft");
    const draft = await settleRevision({ iteration: current, studio: store, steering: steeringStore });
    const after = store.getState();
    const fail = (error: PublicError) => {
      after.setFormError(error);
      after.announce(say(error));
      after.setStage("idle");
    };
    if (!draft) return fail({ code: "not_found", message: t("announce.noChange"), retryable: false });
    if (draft.status === "failed" && draft.error) return fail(draft.error);
    const problem = checkPrompt(draft.prompt, t);
    if (problem) return fail(problem);
    if (normalisePrompt(draft.prompt) === normalisePrompt(current.renderedPrompt)) {
      // Rendering the same prompt again would only add a duplicate version to the tree.
      return fail({ code: "bad_request", message: t("announce.noChange"), retryable: false });
    }
    after.setRefinedPrompt(draft.prompt);
    // As an edit, the critiqued image (the variant the designer continues from) is the input: its composition stays.
    const imageId = current.selectedImageId ?? current.bestImageId ?? current.images[0]?.id;
    // A region edit's revision paints the same region again, on the critiqued image: its prompt is
    // only the region's instruction, so rendering it whole would lose the picture around it.
    const region = current.edit?.kind === "region" && current.edit.maskKey && imageId ? { inputImageId: imageId, maskKey: current.edit.maskKey } : undefined;
    // A clip's revision is the next clip, never an edit of its poster.
    const asEdit = references.getState().reviseAsEdit && current.mediaKind === "image" && imageId ? { inputImageId: imageId } : undefined;
    // One key per Apply: a repeated request (a reconnect, Retry) renders once.
    await render({ prompt: draft.prompt, ...(region ? { draft: draft.prompt } : {}), parentId: current.id, idempotencyKey: crypto.randomUUID(), output: current.mediaKind, edit: region ?? asEdit });
  }, [store, steeringStore, references, render, t, say]);

  /** Animate: a clip that starts from one still of an iteration, as that iteration's child in History. */
  const animate = useCallback(
    async ({ iterationId, imageId }: { iterationId: string; imageId: string }) => {
      const s = store.getState();
      const source = s.iterations.find((i) => i.id === iterationId);
      if (s.stage !== "idle" || !source) return;
      await render({ prompt: source.renderedPrompt, parentId: source.id, animateImageId: imageId });
    },
    [store, render],
  );

  return { refine, generate, critique, render, applyRevision, retryRender, animate, editRegion };
}

/** A server action that never answered (connection dropped, server restarted) reads as a retryable failure. */
function connectionLost(t: Translate): { ok: false; error: PublicError } {
  return { ok: false, error: { code: "internal", message: t("announce.connectionLost"), retryable: true } };
}

function announceCritique({ t, say, iteration }: { t: Translate; say: (error: PublicError) => string; iteration: IterationView }): string {
  const best = iteration.critiques.find((c) => c.imageId === iteration.bestImageId) ?? iteration.critiques[0];
  if (best) return t("announce.critiqueReady", { score: formatScore(best.result.overall) });
  return iteration.critiqueError ? t("announce.critiqueFailed", { message: say(iteration.critiqueError) }) : t("announce.critiqueDone");
}
