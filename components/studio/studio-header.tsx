"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { useStudio, useStudioConfig } from "./studio-context";
import { ProjectsMenu } from "./projects-menu";
import { StageIndicator } from "./stage-indicator";

/** Brand, project, and — always visible — which engines are doing the work. */
export function StudioHeader({ actions }: { actions?: React.ReactNode }) {
  const projectName = useStudio((s) => s.projectName);
  const { understanding } = useStudioConfig();
  const offline = understanding.kind === "offline";

  return (
    <header className="sticky top-0 z-10 border-b border-line bg-paper/85 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-[1600px] items-center gap-2 px-3 sm:gap-4 sm:px-4 lg:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <LoupeMark />
          Loupe
        </Link>
        <span aria-hidden="true" className="hidden text-line sm:inline">
          /
        </span>
        <span className="hidden min-w-0 truncate text-sm text-muted sm:inline">{projectName ?? "New project"}</span>
        <div className="ml-auto flex items-center gap-1.5 sm:gap-3">
          <span className="hidden md:inline">
            <StageIndicator />
          </span>
          {offline ? (
            <Badge tone="warn" title="No ANTHROPIC_API_KEY: prompts are refined and critiqued by local heuristics, not by Claude.">
              <span aria-hidden="true" className="size-1.5 rounded-full bg-warn" />
              Offline
            </Badge>
          ) : (
            <Badge tone="good" title={`Refine: ${understanding.refineModel} · Critique: ${understanding.critiqueModel}`}>
              <span aria-hidden="true" className="size-1.5 rounded-full bg-good" />
              Claude
            </Badge>
          )}
          <ProjectsMenu />
          {actions}
        </div>
      </div>
    </header>
  );
}

function LoupeMark() {
  return (
    <svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24" fill="none">
      <circle cx="10" cy="10" r="6.5" stroke="currentColor" strokeWidth="2.2" />
      <circle cx="10" cy="10" r="2.6" fill="var(--accent)" />
      <path d="M15 15l6 6" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />
    </svg>
  );
}
