"use client";

import type { IterationView } from "@/lib/schemas/iteration";
import { formatScore } from "@/lib/schemas/score";
import { useT } from "@/lib/i18n/client";
import { MaskOverlay } from "@/components/edit/mask-overlay";

type Node = { iteration: IterationView; version: number; children: Node[] };

/** The iterations' tree: a revision from an older version starts a visible branch. */
export function HistoryList({ iterations, currentId, onSelect, disabled }: { iterations: IterationView[]; currentId: string | null; onSelect: (id: string) => void; disabled: boolean }) {
  return (
    <ul className="flex flex-col gap-0.5">
      {buildTree(iterations).map((node) => (
        <TreeItem key={node.iteration.id} node={node} depth={0} currentId={currentId} onSelect={onSelect} disabled={disabled} />
      ))}
    </ul>
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
          <span className="relative size-7 shrink-0 overflow-hidden rounded">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={`${thumb.url}?w=96`} alt="" width={28} height={28} loading="lazy" className="size-7 object-cover" />
            {/* An edit of a region shows where it was painted. */}
            {iteration.edit?.maskUrl ? <MaskOverlay maskUrl={iteration.edit.maskUrl} /> : null}
          </span>
        ) : (
          <span aria-hidden="true" className="size-7 rounded bg-sunken" />
        )}
        <span className="font-medium">v{version}</span>
        {iteration.mediaKind === "video" ? (
          <span className={`rounded px-1 text-2xs font-semibold uppercase ${current ? "bg-paper/20" : "bg-sunken text-muted"}`}>▶ {t("history.clip")}</span>
        ) : null}
        {iteration.edit ? (
          <span className={`rounded px-1 text-2xs font-medium ${current ? "bg-paper/20" : "bg-accent/15 text-ink"}`}>
            {iteration.edit.kind === "region" ? t("edit.regionBadge") : t("edit.badge")}
          </span>
        ) : null}
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

function buildTree(iterations: IterationView[]): Node[] {
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
