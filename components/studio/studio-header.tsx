"use client";

import { AppLink } from "@/components/ui/app-link";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { useT } from "@/lib/i18n/client";
import { EngineBadge } from "./engine-notice";
import { useStudio } from "./studio-context";
import { ProjectsMenu } from "./projects-menu";
import { StageIndicator } from "./stage-indicator";
import { ProjectCost } from "@/components/critique/project-cost";

/** Brand, project, and — always visible — which engines are doing the work. */
export function StudioHeader({ actions }: { actions?: React.ReactNode }) {
  const projectName = useStudio((s) => s.projectName);
  const t = useT();

  return (
    <header className="sticky top-0 z-10 border-b border-line bg-paper/85 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-[1600px] items-center gap-2 px-3 sm:gap-4 sm:px-4 lg:px-6">
        <AppLink href="/" className="flex items-center gap-2 rounded-md font-semibold tracking-tight">
          <LoupeMark />
          <span className="hidden min-[400px]:inline">Loupe</span>
          <span className="sr-only min-[400px]:hidden">Loupe</span>
        </AppLink>
        <span aria-hidden="true" className="hidden text-line sm:inline">
          /
        </span>
        <span className="hidden min-w-0 truncate text-sm text-muted sm:inline">{projectName ?? t("app.newProject")}</span>
        <div className="ml-auto flex items-center gap-1.5 sm:gap-3">
          <span className="hidden md:inline">
            <StageIndicator />
          </span>
          {/* On a phone the header has room only for the controls; each iteration still shows its cost. */}
          <span className="hidden sm:inline">
            <ProjectCost />
          </span>
          <EngineBadge />
          <LanguageSwitch />
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
