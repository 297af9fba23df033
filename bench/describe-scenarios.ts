import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { resetFakes } from "./fakes";
import type { Ctx } from "./server-scenarios";
import { busyTime, summarise } from "./stats";
import { ms, type Row } from "./table";
import { now } from "./timing-proxy";

/*
 * Describe (Claude reads an image): the upload that starts a conversation, and the streamed
 * summary and follow-up, each as Loupe's own time — the round trip less the time the Claude fake
 * (behind its timing proxy) was busy. The fake reads the chart's text the first time it sees it
 * (its own work, not Loupe's); Loupe's part is the upload's checks, re-encode and storage, the
 * conversation rebuilt from the database, and the image prepared for Claude.
 */

const chart = () => readFileSync(path.join(process.cwd(), "tests/support/fixtures/quarterly-sales-chart.png"));

async function timed<T>(run: () => Promise<T>) {
  const start = now();
  const value = await run();
  const end = now();
  return { value, start, end, ms: end - start };
}

async function streamTurn(ctx: Ctx, threadId: string, question: string | null) {
  const response = await fetch(`${ctx.url}/api/describe/${threadId}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: ctx.client.cookie() },
    body: JSON.stringify({ question, idempotencyKey: randomUUID() }),
  });
  const text = await response.text();
  if (!response.ok || !text.includes("event: done")) throw new Error(`describe turn failed: ${response.status} ${text.slice(0, 200)}`);
}

export async function measureDescribe(ctx: Ctx, runs: number): Promise<Row[]> {
  const samples: Record<"upload" | "summary" | "follow-up", number[]> = { upload: [], summary: [], "follow-up": [] };
  for (let i = 0; i < runs; i++) {
    if (i % 25 === 0) resetFakes(ctx.fakes);
    const form = new FormData();
    form.set("file", new Blob([chart()], { type: "image/png" }), "chart.png");
    const upload = await timed(async () => {
      const response = await fetch(`${ctx.url}/api/describe`, { method: "POST", body: form, headers: { cookie: ctx.client.cookie() } });
      const answer = (await response.json()) as { ok: boolean; value: { thread: { id: string } } };
      if (!answer.ok) throw new Error(`describe upload failed: ${JSON.stringify(answer)}`);
      return answer.value.thread.id;
    });
    samples.upload.push(upload.ms);
    const proxy = ctx.fakes.anthropicProxy;
    const summary = await timed(() => streamTurn(ctx, upload.value, null));
    samples.summary.push(summary.ms - busyTime(proxy.exchanges, summary.start, summary.end));
    const followUp = await timed(() => streamTurn(ctx, upload.value, "What were the sales in 2026?"));
    samples["follow-up"].push(followUp.ms - busyTime(proxy.exchanges, followUp.start, followUp.end));
  }
  const notes = {
    upload: "Whole request: an 800×500 PNG chart checked, re-encoded without metadata, stored, its thread row written (no Claude call).",
    summary: "Round trip of the streamed summary less the Claude fake's busy time: the thread and image read back, the image prepared, the answer saved.",
    "follow-up": "The same for a follow-up, which sends the whole conversation again (the image from the prompt cache).",
  } as const;
  return (Object.keys(samples) as Array<keyof typeof samples>).map((stage) => {
    const s = summarise(samples[stage]);
    const judged = stage !== "upload";
    return {
      id: `describe.${stage}`,
      label: `overhead: describe ${stage}`,
      target: judged ? "p50 ≤ 30 ms, p95 ≤ 60 ms" : "reported",
      value: `p50 ${ms(s.p50)} · p95 ${ms(s.p95)}`,
      spread: `min ${ms(s.min)} · max ${ms(s.max)} · n=${s.n}`,
      pass: judged ? s.p50 <= 30 && s.p95 <= 60 : null,
      note: notes[stage],
      raw: s,
    };
  });
}
