"use client";

import { useState } from "react";
import { aspectKeys } from "@/lib/schemas/score";
import { isVideoCritique, type IterationView } from "@/lib/schemas/iteration";
import { Dialog } from "@/components/ui/dialog";
import type { Translate } from "@/lib/i18n";
import { useT } from "@/lib/i18n/client";
import { CompareButton } from "./compare-button";
import { MaskOverlay } from "@/components/edit/mask-overlay";
import { PromptDiff } from "./prompt-diff";
import { SyncedClips } from "./synced-clips";
import { useStudio } from "./studio-context";
import { formatScore } from "@/lib/schemas/score";

type Mode = "side-by-side" | "slider";

/** Any two iterations, side by side or under a before/after slider, with what changed between them. */
export function CompareDialog() {
  const [isOpen, setOpen] = useState(false);
  const t = useT();
  const iterations = useStudio((s) => s.iterations);
  const currentId = useStudio((s) => s.currentId);
  const [pair, setPair] = useState<{ a: string; b: string } | null>(null);
  const [mode, setMode] = useState<Mode>("side-by-side");
  const rendered = iterations.filter((i) => i.images.length > 0);

  const open = () => {
    const current = rendered.find((i) => i.id === currentId) ?? rendered.at(-1);
    const parent = rendered.find((i) => i.id === current?.parentId);
    const other = parent ?? rendered.filter((i) => i.id !== current?.id).at(-1);
    if (!current || !other) return;
    setPair({ a: other.id, b: current.id });
    setOpen(true);
  };

  const a = rendered.find((i) => i.id === pair?.a);
  const b = rendered.find((i) => i.id === pair?.b);
  // An edit compared with the render it came from: that exact image is Before, and its mask is drawn on both.
  const edit = b?.edit && b.parentId === a?.id ? b.edit : null;
  const [showMask, setShowMask] = useState(true);
  const maskUrl = edit?.maskUrl && showMask ? edit.maskUrl : null;
  const version = (id: string) => `v${iterations.findIndex((i) => i.id === id) + 1}`;

  const toolbar = (
    <>
      {(["a", "b"] as const).map((side) => (
        <label key={side} className="flex items-center gap-1.5 text-xs text-muted">
          {side === "a" ? t("compare.before") : t("compare.after")}
          <select
            value={pair?.[side] ?? ""}
            onChange={(e) => setPair((p) => (p ? { ...p, [side]: e.target.value } : p))}
            className="h-8 rounded-lg border border-line bg-surface px-2 text-sm text-ink"
          >
            {rendered.map((i) => (
              <option key={i.id} value={i.id}>
                {version(i.id)}
              </option>
            ))}
          </select>
        </label>
      ))}
      {edit?.maskUrl ? (
        <label className="flex items-center gap-1.5 text-xs text-muted">
          <input type="checkbox" className="accent-accent" checked={showMask} onChange={(e) => setShowMask(e.target.checked)} />
          {t("compare.mask")}
        </label>
      ) : null}
      <div role="radiogroup" aria-label={t("compare.view")} className="flex rounded-lg border border-line p-0.5">
        {(["side-by-side", "slider"] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={mode === m}
            onClick={() => setMode(m)}
            className={`rounded-md px-2.5 py-1 text-xs ${mode === m ? "bg-ink text-paper" : "text-muted hover:text-ink"}`}
          >
            {m === "slider" ? t("compare.slider") : t("compare.sideBySide")}
          </button>
        ))}
      </div>
    </>
  );

  return (
    <>
      <CompareButton onClick={open} disabled={rendered.length < 2} />
      <Dialog open={isOpen} onOpenChange={setOpen} title={t("compare.title")} toolbar={toolbar} className="w-[min(1200px,calc(100vw-2rem))]">
        {a && b ? (
          <div className="flex flex-col gap-5">
            {a.images[0]?.video && b.images[0]?.video ? (
              <SyncedClips iterations={[a, b]} captions={[`${version(a.id)} · ${bestScore(a, t)}`, `${version(b.id)} · ${bestScore(b, t)}`]} />
            ) : mode === "slider" ? (
              <BeforeAfter before={a} after={b} beforeUrl={edit?.inputUrl ?? undefined} maskUrl={maskUrl} />
            ) : (
              <div className="grid grid-cols-2 gap-4">
                {[a, b].map((i) => (
                  <figure key={i.id} className="flex flex-col gap-2">
                    <span className="relative block overflow-hidden rounded-lg border border-line">
                      {/* eslint-disable-next-line @next/next/no-img-element */}
                      <img src={i === a && edit?.inputUrl ? edit.inputUrl : i.images[0]!.url} alt={i === a && edit ? t("compare.beforeEdit") : i.images[0]!.alt} className="block w-full" />
                      {maskUrl ? <MaskOverlay maskUrl={maskUrl} /> : null}
                    </span>
                    <figcaption className="text-xs text-muted">
                      {version(i.id)} · {bestScore(i, t)}
                      {maskUrl ? ` · ${t("compare.maskCaption")}` : ""}
                    </figcaption>
                  </figure>
                ))}
              </div>
            )}
            <ScoreTable a={a} b={b} labels={[version(a.id), version(b.id)]} />
            <div>
              <h3 className="mb-1.5 text-xs font-semibold text-muted">
                {t("compare.promptChanges", { from: version(a.id), to: version(b.id) })}
              </h3>
              <PromptDiff before={a.renderedPrompt} after={b.renderedPrompt} />
            </div>
          </div>
        ) : null}
      </Dialog>
    </>
  );
}

function BeforeAfter({ before, after, beforeUrl, maskUrl }: { before: IterationView; after: IterationView; beforeUrl?: string; maskUrl: string | null }) {
  const [split, setSplit] = useState(50);
  const t = useT();
  const b = beforeUrl ? { url: beforeUrl, alt: t("compare.beforeEdit") } : before.images[0]!;
  const a = after.images[0]!;
  return (
    <div className="flex flex-col gap-2">
      <div className="relative mx-auto w-full max-w-[720px] overflow-hidden rounded-lg border border-line">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={a.url} alt={a.alt} className="block w-full" />
        <div className="absolute inset-0" style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }}>
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={b.url} alt={b.alt} className="block h-full w-full object-cover" />
        </div>
        {maskUrl ? <MaskOverlay maskUrl={maskUrl} /> : null}
        <div aria-hidden="true" className="absolute inset-y-0 w-0.5 bg-paper shadow" style={{ left: `${split}%` }} />
      </div>
      <input
        type="range"
        min={0}
        max={100}
        value={split}
        onChange={(e) => setSplit(Number(e.target.value))}
        aria-label={t("compare.split")}
        className="mx-auto w-full max-w-[720px] accent-accent"
      />
    </div>
  );
}

function ScoreTable({ a, b, labels }: { a: IterationView; b: IterationView; labels: [string, string] }) {
  const ca = a.critiques[0]?.result;
  const cb = b.critiques[0]?.result;
  const t = useT();
  const rows: Array<[string, number | undefined, number | undefined]> = [
    [t("aspect.overall"), ca?.overall, cb?.overall],
    ...keysOf(ca ?? cb).map((k): [string, number | undefined, number | undefined] => [t(`aspect.${k}`), scoreOf(ca, k), scoreOf(cb, k)]),
  ];
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{t("compare.scores")}</caption>
      <thead>
        <tr className="text-left text-xs text-muted">
          <th className="py-1 font-medium">{t("compare.score")}</th>
          <th className="py-1 text-right font-medium">{labels[0]}</th>
          <th className="py-1 text-right font-medium">{labels[1]}</th>
          <th className="py-1 text-right font-medium">{t("compare.change")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, x, y]) => {
          const delta = x !== undefined && y !== undefined ? y - x : undefined;
          return (
            <tr key={label} className="border-t border-line">
              <th scope="row" className="py-1 text-left font-normal">
                {label}
              </th>
              <td className="py-1 text-right tabular-nums">{x === undefined ? "–" : formatScore(x)}</td>
              <td className="py-1 text-right tabular-nums">{y === undefined ? "–" : formatScore(y)}</td>
              <td className={`py-1 text-right tabular-nums ${delta === undefined || delta === 0 ? "text-muted" : delta > 0 ? "text-good" : "text-bad"}`}>
                {delta === undefined ? "–" : `${delta > 0 ? "+" : ""}${formatScore(delta)}`}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

type AnyCritique = IterationView["critiques"][number]["result"];
const videoAspectKeys = ["promptAdherence", "motion", "composition", "text", "artifacts"] as const;

/** A still's aspects, or a clip's when the pair are clips. */
function keysOf(critique: AnyCritique | undefined) {
  return critique && isVideoCritique(critique) ? videoAspectKeys : aspectKeys;
}

function scoreOf(critique: AnyCritique | undefined, key: string): number | undefined {
  return critique ? (critique.aspects as Record<string, number>)[key] : undefined;
}

function bestScore(iteration: IterationView, t: Translate): string {
  if (iteration.critiques.length === 0) return t("compare.notCritiqued");
  return `${formatScore(Math.max(...iteration.critiques.map((c) => c.result.overall)))}/10`;
}
