"use client";

import { useCallback } from "react";
import { critiqueAction, generateAction, reviseAction } from "@/app/(studio)/actions";
import type { PublicError } from "@/lib/errors";
import { normalisePrompt, MAX_PROMPT_LENGTH } from "@/lib/schemas/prompt-text";
import { formatScore } from "@/lib/schemas/critique";
import type { IterationView } from "@/lib/schemas/iteration";
import type { GenerateRequest } from "@/lib/store/studio-store";
import { emptySteering, revisionRequest, useSteeringStore } from "@/lib/store/steering-store";
import { useReferenceStore } from "@/lib/store/reference-store";
import { readRefineStream } from "./read-refine-stream";
import { useStudioStore } from "./studio-context";

const emptyPrompt: PublicError = { code: "empty_prompt", message: "Write a prompt first.", retryable: false };
const longPrompt: PublicError = {
  code: "prompt_too_long",
  message: `Prompts can be at most ${MAX_PROMPT_LENGTH.toLocaleString("en-US")} characters.`,
  retryable: false,
};

/** Checked in the browser for an instant message; the server checks again with zod. */
function checkPrompt(text: string): PublicError | null {
  const normalised = normalisePrompt(text);
  if (!normalised) return emptyPrompt;
  if (normalised.length > MAX_PROMPT_LENGTH) return longPrompt;
  return null;
}

/**
 * The loop as the designer drives it: refine → generate → critique → apply revision.
 * Each step is its own server call so the image shows before the critique arrives,
 * and a failed critique never takes the image with it.
 */
export function useStudioFlow() {
  const store = useStudioStore();

  const refine = useCallback(async () => {
    const s = store.getState();
    if (s.stage !== "idle") return;
    const problem = checkPrompt(s.draft);
    if (problem) return s.setFormError(problem);
    s.setStage("refining");
    s.setRefinedPrompt("");
    s.announce("Refining the prompt…");
    const result = await readRefineStream({ draft: s.draft, onDelta: (text) => store.getState().appendRefined(text) });
    const after = store.getState();
    if (result.ok) {
      after.setRefinedPrompt(result.value.prompt);
      after.setRefineResult({ usage: result.value.usage, ms: result.value.ms });
      after.announce("Refined prompt ready. Edit it or press Generate.");
    } else {
      after.setFormError(result.error);
      after.announce(result.error.message);
    }
    after.setStage("idle");
  }, [store]);

  const critique = useCallback(
    async (iterationId: string, alsoTried?: string[]): Promise<IterationView | null> => {
      const s = store.getState();
      s.setStage("critiquing");
      s.announce("Critiquing the image…");
      const result = await critiqueAction({ iterationId, alsoTried });
      const after = store.getState();
      if (result.ok) {
        after.upsertIteration(result.value);
        after.announce(announceCritique(result.value));
      } else {
        after.announce(`Critique unavailable: ${result.error.message}`);
      }
      after.setStage("idle");
      return result.ok ? result.value : null;
    },
    [store],
  );

  const render = useCallback(
    async ({
      prompt,
      parentId,
      variants,
      resend,
      idempotencyKey = resend?.idempotencyKey ?? crypto.randomUUID(),
      alsoTried,
    }: {
      prompt: string;
      parentId: string | null;
      /** Auto-iterate asks for k drafts per round without touching the designer's own setting. */
      variants?: number;
      idempotencyKey?: string;
      alsoTried?: string[];
      /** Retry: the exact earlier request, key included. */
      resend?: GenerateRequest;
    }): Promise<IterationView | null> => {
      const s = store.getState();
      s.setStage("generating");
      s.announce("Rendering…");
      s.setRenderKey(idempotencyKey);
      const input = resend ?? {
        projectId: s.projectId,
        parentId,
        draft: s.draft,
        prompt,
        refinedPrompt: s.refinedPrompt,
        params: variants ? { ...s.params, n: variants } : s.params,
        refine: s.refineUsage && s.refineMs !== null ? { usage: s.refineUsage, ms: s.refineMs } : null,
        idempotencyKey,
        referenceId: useReferenceStore.getState().activeId,
      };
      // Kept until the result is seen: a lost connection or a failure is retried with the same key.
      s.setRetryRender({ input, alsoTried });
      const result = await generateAction(input).catch(connectionLost);
      const after = store.getState();
      // Seen and final (a render, or a failure Retry cannot fix): the key is spent.
      if (result.ok ? result.value.iteration.status !== "failed" : !result.error.retryable) after.setRetryRender(null);
      if (!result.ok) {
        after.setFormError(result.error);
        after.announce(`Generation failed: ${result.error.message}`);
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
      after.setRefineResult({ usage: null, ms: null });
      if (iteration.status === "failed") {
        after.setFormError(iteration.error);
        after.announce(`Generation failed: ${iteration.error?.message ?? ""}`);
        after.setStage("idle");
        return null;
      }
      after.announce(`Image ready (${iteration.images.length}). Critiquing…`);
      return critique(iteration.id, alsoTried);
    },
    [store, critique],
  );

  const generate = useCallback(async () => {
    const s = store.getState();
    if (s.stage !== "idle") return;
    const prompt = s.refinedPrompt.trim() ? s.refinedPrompt : s.draft;
    const problem = checkPrompt(s.draft) ?? checkPrompt(prompt);
    if (problem) return s.setFormError(problem);
    await render({ prompt, parentId: s.currentId });
  }, [store, render]);

  /** Retry after a failed or unanswered render: the same request and key (see lib/server/idempotency.ts). */
  const retryRender = useCallback(async () => {
    const s = store.getState();
    if (s.stage !== "idle" || !s.retryRender) return;
    const { input, alsoTried } = s.retryRender;
    s.setFormError(null);
    await render({ prompt: input.prompt, parentId: input.parentId, resend: input, alsoTried });
  }, [store, render]);

  /** Renders the previewed revision (as the designer may have edited it) as a child of the critiqued iteration. */
  const renderRevision = useCallback(async () => {
    const s = store.getState();
    const preview = useSteeringStore.getState().preview;
    if (s.stage !== "idle" || !preview) return;
    const problem = checkPrompt(preview.prompt);
    if (problem) return s.setFormError(problem);
    useSteeringStore.getState().setPreview(null);
    s.setRefinedPrompt(preview.prompt);
    await render({ prompt: preview.prompt, parentId: preview.iterationId });
  }, [store, render]);

  /*
   * "Apply revision" first writes the revision from the designer's decisions and shows it as a
   * diff; a second Apply (or "Render this") renders it. Ctrl/Cmd+Shift+Enter does the same.
   */
  const applyRevision = useCallback(
    async () => {
      const s = store.getState();
      const current = s.iterations.find((i) => i.id === s.currentId);
      if (s.stage !== "idle" || !current) return;
      if (useSteeringStore.getState().preview?.iterationId === current.id) return renderRevision();
      const steering = useSteeringStore.getState().byIteration[current.id] ?? emptySteering;
      // The variant the designer continues from (else the best), as reviseAction picks it.
      const active = current.critiques.find((c) => c.imageId === (current.selectedImageId ?? current.bestImageId)) ?? current.critiques[0];
      const issueIds = (active?.result.issues ?? []).map((issue) => issue.id);
      s.setStage("revising");
      s.announce("Writing the revision…");
      // One key per Apply: a repeated request (a reconnect) gets the first revision instead of paying again.
      const revised = await reviseAction({ iterationId: current.id, idempotencyKey: crypto.randomUUID(), ...revisionRequest({ steering, issueIds }) });
      if (!revised.ok) {
        store.getState().setFormError(revised.error);
        store.getState().announce(revised.error.message);
        store.getState().setStage("idle");
        return;
      }
      store.getState().setStage("idle");
      if (normalisePrompt(revised.value.prompt) === normalisePrompt(current.renderedPrompt)) {
        // Rendering the same prompt again would only add a duplicate version to the tree.
        const message = "The critique has no change to apply. Accept a fix, or edit the refined prompt and press Generate.";
        store.getState().setFormError({ code: "bad_request", message, retryable: false });
        store.getState().announce(message);
        return;
      }
      useSteeringStore.getState().setPreview({ iterationId: current.id, before: current.renderedPrompt, prompt: revised.value.prompt });
      store.getState().announce("Revision ready: review the changes, then Render this or Discard.");
    },
    [store, renderRevision],
  );

  return { refine, generate, critique, render, applyRevision, renderRevision, retryRender };
}

/** A server action that never answered (connection dropped, server restarted) reads as a retryable failure. */
function connectionLost(): { ok: false; error: PublicError } {
  const message = "The connection dropped before the render's answer arrived. Retry: it will not be rendered or charged twice.";
  return { ok: false, error: { code: "internal", message, retryable: true } };
}

function announceCritique(iteration: IterationView): string {
  const best = iteration.critiques.find((c) => c.imageId === iteration.bestImageId) ?? iteration.critiques[0];
  if (best) return `Critique ready: ${formatScore(best.result.overall)}/10.`;
  return iteration.critiqueError ? `Critique unavailable: ${iteration.critiqueError.message}` : "Critique finished.";
}
