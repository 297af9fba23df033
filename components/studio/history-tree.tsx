"use client";

import type { IterationView } from "@/lib/schemas/iteration";
import dynamic from "next/dynamic";
import { CompareButton } from "./compare-button";
import { useStudio } from "./studio-context";
import { formatScore } from "@/lib/schemas/score";
import { useT } from "@/lib/i18n/client";

// Comparing needs two renders; until then History shows the disabled button without the dialog's code.
const CompareDialog = dynamic(() => import("./compare-dialog").then((m) => m.CompareDialog), { loading: () => <CompareButton disabled /> });

type Node = { iteration: IterationView; version: number; children: Node[] };

/** Iterations as a tree: a revision from an older version starts a visible branch. */
export function HistoryTree() {
  const iterations = useStudio((s) => s.iterations);
  const currentId = useStudio((s) => s.currentId);
  const select = useStudio((s) => s.select);
  const stage = useStudio((s) => s.stage);
  const roots = buildTree(iterations);
  const t = useT();
  const comparable = iterations.filter((i) => i.images.length > 0).length >= 2;

  return (
    <section className="flex flex-col gap-2">
      <div className="flex items-center justify-between">
        <h2 className="text-xs font-semibold tracking-wide text-muted uppercase">{t("history.heading")}</h2>
        {comparable ? <CompareDialog /> : <CompareButton disabled />}
      </div>
      <nav aria-label={t("history.heading")}>
      {roots.length === 0 ? (
        <p className="text-xs text-muted">{t("history.empty")}</p>
      ) : (
        <ul className="flex flex-col gap-0.5">
          {roots.map((node) => (
            <TreeItem key={node.iteration.id} node={node} depth={0} currentId={currentId} onSelect={select} disabled={stage !== "idle"} />
          ))}
        </ul>
      )}
      </nav>
    </section>
  );
}

function TreeItem({
  node,
  depth,
  branch = false,
  currentId,
  onSelect,
  disabled,
}: {
  node: Node;
  depth: number;
  branch?: boolean;
  currentId: string | null;
  onSelect: (id: string) => void;
  disabled: boolean;
}) {
  const { iteration, version } = node;
  const current = iteration.id === currentId;
  const score = iteration.critiques.length ? Math.max(...iteration.critiques.map((c) => c.result.overall)) : null;
  const thumb = iteration.images[0];
  const t = useT();
  return (
    <li>
      <button
        type="button"
        onClick={() => onSelect(iteration.id)}
        disabled={disabled}
        aria-current={current ? "true" : undefined}
        style={{ paddingLeft: `${0.5 + depth * 0.9}rem` }}
        className={`flex w-full items-center gap-2.5 rounded-lg py-1.5 pr-2 text-left text-sm transition ${
          current ? "bg-ink text-paper" : "hover:bg-sunken"
        }`}
      >
        {branch ? (
          <span aria-hidden="true" className="text-muted">
            ↳
          </span>
        ) : null}
        {thumb ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={`${thumb.url}?w=96`} alt="" width={28} height={28} loading="lazy" className="size-7 rounded object-cover" />
        ) : (
          <span aria-hidden="true" className="size-7 rounded bg-sunken" />
        )}
        <span className="font-medium">v{version}</span>
        <span className={`min-w-0 flex-1 truncate text-xs ${current ? "text-paper/70" : "text-muted"}`}>
          {iteration.status === "failed" ? t("history.failed") : iteration.renderedPrompt}
        </span>
        <span className="text-xs tabular-nums">{score === null ? "–" : `${formatScore(score)}/10`}</span>
      </button>
      {node.children.length > 0 ? (
        <ul className="flex flex-col gap-0.5">
          {/* The first child continues the line; later children are branches and step in. */}
          {node.children.map((child, index) => (
            <TreeItem
              key={child.iteration.id}
              node={child}
              depth={index === 0 ? depth : depth + 1}
              branch={index > 0}
              currentId={currentId}
              onSelect={onSelect}
              disabled={disabled}
            />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function buildTree(iterations: IterationView[]): Node[] {
  const nodes = new Map<string, Node>(
    iterations.map((iteration, i) => [iteration.id, { iteration, version: i + 1, children: [] }]),
  );
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.iteration.parentId ? nodes.get(node.iteration.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
