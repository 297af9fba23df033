"use client";

import { useCallback, useEffect, useState } from "react";
import type { PublicError } from "@/lib/errors";
import { errorText } from "@/lib/i18n";
import { useLocale, useT } from "@/lib/i18n/client";
import { DESCRIBE_MEDIA_TYPES, MAX_DESCRIBE_BYTES, MAX_DESCRIBE_VIDEO_BYTES, questionProblem } from "@/lib/schemas/describe-limits";
import type { ImageThreadView, ImageTurnView, PickRequest } from "@/lib/schemas/image-thread";
import type { ReferenceView } from "@/lib/schemas/reference";
import { postEventStream } from "@/components/studio/post-event-stream";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import { useReferenceStore } from "@/components/studio/studio-context";

type Answer<T> = { ok: true; value: T } | { ok: false; error: PublicError };
type Started = { thread: ImageThreadView; project: { id: string; name: string } };

/** The answer being written: shown in the Summary region as it streams. */
export type Streaming = { threadId: string; question: string | null; text: string };

const isVideo = (file: File) => file.type.startsWith("video/") || /\.(mp4|m4v|mov|webm|mkv|avi|ogv)$/i.test(file.name);
const isImage = (file: File) => (DESCRIBE_MEDIA_TYPES as readonly string[]).includes(file.type) || (!file.type && /\.(jpe?g|png|webp|gif)$/i.test(file.name));

/**
 * The Describe dialog's state and calls: the project's conversations (loaded when the dialog
 * opens), starting one from a file or a project image, streaming its summary and follow-ups, and
 * handing the result to the studio (as the draft, or as a reference).
 */
export function useDescribe({ open }: { open: boolean }) {
  const t = useT();
  const locale = useLocale();
  const studio = useStudioStore();
  const references = useReferenceStore();
  const [threads, setThreads] = useState<ImageThreadView[]>([]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [streaming, setStreaming] = useState<Streaming | null>(null);
  const [busy, setBusy] = useState<null | "starting" | "answering" | "reference">(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const say = useCallback((e: PublicError) => errorText({ t, locale, error: e }), [t, locale]);
  const projectId = useStudio((s) => s.projectId);

  // The project's earlier conversations, each time the dialog opens: they are saved with the project.
  useEffect(() => {
    if (!open || !projectId) return;
    let live = true;
    void fetch(`/api/describe?projectId=${projectId}`)
      .then((r) => r.json() as Promise<Answer<{ threads: ImageThreadView[] }>>)
      .then((answer) => {
        if (!live) return;
        if (!answer.ok) return setError(t("describe.loadFailed"));
        setThreads((local) => mergeThreads({ local, saved: answer.value.threads }));
        setActiveId((current) => current ?? answer.value.threads[0]?.id ?? null);
      })
      .catch(() => live && setError(t("describe.loadFailed")));
    return () => {
      live = false;
    };
  }, [open, projectId, t]);

  const addTurn = (threadId: string, turn: ImageTurnView) =>
    setThreads((all) => all.map((thread) => (thread.id === threadId ? { ...thread, turns: [...thread.turns.filter((x) => x.position !== turn.position), turn] } : thread)));

  const runTurn = useCallback(
    async (thread: ImageThreadView, question: string | null) => {
      setError(null);
      setNotice(null);
      setBusy("answering");
      setStreaming({ threadId: thread.id, question, text: "" });
      const answer = await postEventStream<ImageTurnView>({
        url: `/api/describe/${thread.id}`,
        // One key per question asked: a reconnect gets the saved answer rather than a second paid one.
        body: { question, idempotencyKey: crypto.randomUUID() },
        onDelta: (text) => setStreaming((s) => (s && s.threadId === thread.id ? { ...s, text: s.text + text } : s)),
        fallback: t("describe.lost"),
      });
      setStreaming(null);
      setBusy(null);
      if (!answer.ok) return setError(say(answer.error));
      addTurn(thread.id, answer.value);
      studio.getState().announce(question === null ? t("describe.summaryReady") : t("describe.answerReady"));
      return true;
    },
    [t, say, studio],
  );

  const start = useCallback(
    async (request: () => Promise<Response>) => {
      setError(null);
      setNotice(null);
      setBusy("starting");
      const answer = await request()
        .then((r) => r.json() as Promise<Answer<Started>>)
        .catch((): Answer<Started> => ({ ok: false, error: { code: "internal", message: t("describe.lost"), retryable: true } }));
      setBusy(null);
      if (!answer.ok) return setError(say(answer.error));
      const { thread, project } = answer.value;
      if (studio.getState().projectId !== project.id) {
        studio.getState().setProject(project);
        window.history.replaceState(null, "", `/p/${project.id}`);
      }
      setThreads((all) => [thread, ...all.filter((x) => x.id !== thread.id)]);
      setActiveId(thread.id);
      await runTurn(thread, null);
    },
    [t, say, studio, runTurn],
  );

  /** A clip goes as the request body itself, streamed to the server's disk (never a form it must buffer). */
  const describeClip = useCallback(
    (file: File) => {
      if (file.size > MAX_DESCRIBE_VIDEO_BYTES) return setError(t("describe.videoTooLarge", { size: `${(file.size / (1024 * 1024)).toFixed(1)} MB` }));
      const type = file.type.startsWith("video/") ? file.type : /\.mov$/i.test(file.name) ? "video/quicktime" : /\.webm$/i.test(file.name) ? "video/webm" : "video/mp4";
      const current = studio.getState().projectId;
      const query = current ? `?projectId=${current}` : "";
      return start(() => fetch(`/api/describe/video${query}`, { method: "POST", body: file, headers: { "content-type": type, "x-file-name": encodeURIComponent(file.name) } }));
    },
    [t, start, studio],
  );

  const describeFile = useCallback(
    (file: File) => {
      // Checked here for an instant answer; the server checks the bytes again.
      if (isVideo(file)) return describeClip(file);
      if (!isImage(file)) return setError(t("describe.notImage"));
      if (file.size > MAX_DESCRIBE_BYTES) return setError(t("describe.tooLarge", { size: `${(file.size / (1024 * 1024)).toFixed(1)} MB` }));
      const form = new FormData();
      form.set("file", file);
      const current = studio.getState().projectId;
      if (current) form.set("projectId", current);
      return start(() => fetch("/api/describe", { method: "POST", body: form }));
    },
    [t, start, studio, describeClip],
  );

  const describePicked = useCallback(
    (source: PickRequest["source"]) => {
      const current = studio.getState().projectId;
      if (!current) return;
      return start(() => fetch("/api/describe", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ projectId: current, source }) }));
    },
    [start, studio],
  );

  const ask = useCallback(
    async (thread: ImageThreadView, question: string) => {
      const problem = questionProblem(question);
      if (problem) {
        setError(t(problem === "empty" ? "describe.emptyQuestion" : "describe.longQuestion"));
        return false;
      }
      return (await runTurn(thread, question.trim())) === true;
    },
    [t, runTurn],
  );

  const useAsReference = useCallback(
    async (thread: ImageThreadView) => {
      setError(null);
      setBusy("reference");
      setNotice(t("describe.addingReference"));
      const answer = await fetch(`/api/describe/${thread.id}/reference`, { method: "POST" })
        .then((r) => r.json() as Promise<Answer<{ reference: ReferenceView }>>)
        .catch((): Answer<{ reference: ReferenceView }> => ({ ok: false, error: { code: "internal", message: t("describe.lost"), retryable: true } }));
      setBusy(null);
      if (!answer.ok) {
        setNotice(null);
        return setError(say(answer.error));
      }
      references.getState().add({ reference: answer.value.reference, projectId: thread.projectId });
      setNotice(t("describe.referenceAdded"));
      studio.getState().announce(t("describe.referenceAdded"));
    },
    [t, say, references, studio],
  );

  return { threads, activeId, setActiveId, streaming, busy, error, notice, describeFile, describePicked, runTurn, ask, useAsReference };
}

/**
 * The server's list, without losing what this dialog already holds: a thread it just started and
 * an answer that landed after the list was read keep their place.
 */
function mergeThreads({ local, saved }: { local: ImageThreadView[]; saved: ImageThreadView[] }): ImageThreadView[] {
  const known = new Set(saved.map((thread) => thread.id));
  const fresher = (thread: ImageThreadView) => local.find((l) => l.id === thread.id && l.turns.length > thread.turns.length) ?? thread;
  return [...local.filter((thread) => !known.has(thread.id)), ...saved.map(fresher)];
}
