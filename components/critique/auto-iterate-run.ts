import { startAutoIterateAction } from "@/app/(studio)/auto-actions";
import { errorText, type Locale, type Translate } from "@/lib/i18n";
import { normalisePrompt } from "@/lib/schemas/prompt-text";
import type { AutoIterateStore } from "@/lib/store/auto-iterate-store";
import type { ReferenceStore } from "@/lib/store/reference-store";
import type { StudioStore } from "@/lib/store/studio-store";

type Deps = { studio: StudioStore; autoIterate: AutoIterateStore; references: ReferenceStore; t: Translate; locale: Locale };

/**
 * Starts auto-iterate on the server with the prompt and settings on screen. The run goes on
 * there, round by round, whether this tab stays open or not; its rounds come back through the
 * project's event stream (components/studio/use-project-events.ts). Loaded on Start (see
 * use-auto-iterate.ts): most sessions never run it.
 */
export async function startAutoIterate({ studio, autoIterate, references, t, locale }: Deps): Promise<void> {
  const s = studio.getState();
  const auto = autoIterate.getState();
  if (auto.running || s.stage !== "idle") return;
  const prompt = normalisePrompt(s.refinedPrompt) || normalisePrompt(s.draft);
  if (!prompt) return s.setFormError({ code: "empty_prompt", message: t("error.empty_prompt"), retryable: false });
  auto.starting();
  s.setStage("generating");
  s.announce(t("auto.announceRound", { round: 1, rounds: auto.settings.rounds }));
  const result = await startAutoIterateAction({
    projectId: s.projectId,
    currentId: s.currentId,
    draft: normalisePrompt(s.draft) || prompt,
    refinedPrompt: s.refinedPrompt,
    prompt,
    params: s.params,
    referenceId: references.getState().activeId,
    settings: auto.settings,
    idempotencyKey: crypto.randomUUID(),
  }).catch(() => null);
  const after = studio.getState();
  if (!result?.ok) {
    const error = result?.error ?? { code: "internal" as const, message: t("announce.connectionLost"), retryable: true };
    autoIterate.getState().failStart(error);
    after.setStage("idle");
    after.announce(t("auto.finished", { why: t("auto.whyFailed", { error: errorText({ t, locale, error }) }) }));
    return;
  }
  const { run, project } = result.value;
  if (after.projectId !== project.id) {
    after.setProject(project);
    // Keep the URL shareable with the owner's own tabs without remounting the studio.
    window.history.replaceState(null, "", `/p/${project.id}`);
  }
  autoIterate.getState().sync(run);
}
