"use client";

import { useCallback } from "react";
import type { Translate } from "@/lib/i18n";
import { useLocale, useT } from "@/lib/i18n/client";
import { PLATEAU_ROUNDS, type StopReason } from "@/lib/studio/auto-iterate";
import { useAutoIterateStore, useStudioStore } from "@/components/studio/studio-context";
import { useStudioFlow } from "@/components/studio/use-studio-flow";

/** Start and cancel auto-iterate. The run loop is its own chunk, fetched on Start: most sessions never run it. */
export function useAutoIterateRun() {
  const studio = useStudioStore();
  const autoIterate = useAutoIterateStore();
  const { render } = useStudioFlow();
  const t = useT();
  const locale = useLocale();

  const run = useCallback(async () => {
    const { runAutoIterate } = await import("./auto-iterate-run");
    await runAutoIterate({ studio, autoIterate, render, t, locale });
  }, [studio, autoIterate, render, t, locale]);

  return { run, cancel: () => autoIterate.getState().cancel() };
}

/** Why a run stopped, in the UI language. */
export function stopText({ t, reason }: { t: Translate; reason: StopReason }): string {
  return reason === "plateau" ? t("auto.stop.plateau", { rounds: PLATEAU_ROUNDS }) : t(`auto.stop.${reason}`);
}
