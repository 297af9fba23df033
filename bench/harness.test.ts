import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAIImagesFake, type OpenAIImagesFake } from "../tests/support/fakes/openai-images";
import { decodeFlight } from "./action-client";
import { busyTime, percentile, slope, summarise } from "./stats";
import { formatTable, tally } from "./table";
import { startTimingProxy, type TimingProxy } from "./timing-proxy";

describe("bench stats", () => {
  it("interpolates percentiles and summarises", () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([10, 20], 50)).toBe(15);
    expect(summarise([3, 1, 2])).toMatchObject({ n: 3, p50: 2, min: 1, max: 3 });
  });

  it("counts overlapping busy intervals once", () => {
    const intervals = [{ start: 0, end: 10 }, { start: 5, end: 15 }, { start: 20, end: 30 }];
    expect(busyTime(intervals)).toBe(25);
    expect(busyTime(intervals, 8, 22)).toBe(9);
  });

  it("tells a trend from a flat line", () => {
    expect(slope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }])).toBe(2);
    expect(slope([{ x: 0, y: 4 }, { x: 1, y: 4 }])).toBe(0);
  });
});

describe("bench table", () => {
  it("prints target, value and verdict per row, with notes", () => {
    const rows = [
      { id: "a", label: "fast thing", target: "≤ 1 ms", value: "0.5 ms", spread: "n=3", pass: true },
      { id: "b", label: "slow thing", target: "≤ 1 ms", value: "9 ms", spread: "n=3", pass: false, note: "profile me" },
      { id: "c", label: "unmeasured", target: "x", value: "n/a", spread: "", pass: null },
    ];
    const text = formatTable(rows);
    expect(text).toMatch(/fast thing\s+≤ 1 ms\s+0\.5 ms\s+n=3\s+pass/);
    expect(text).toMatch(/slow thing.*MISS/);
    expect(text).toContain("slow thing: profile me");
    expect(tally(rows)).toEqual({ pass: 1, miss: 1, unmeasured: 1 });
  });
});

describe("flight decoding", () => {
  it("reads an action's result and unescapes $ strings", () => {
    const body = '0:{"a":"$@1","f":"","b":"x"}\n1:{"ok":true,"value":{"id":"abc","note":"$$5","gone":"$undefined"}}\n';
    expect(decodeFlight(body)).toEqual({ ok: true, value: { id: "abc", note: "$5", gone: undefined } });
  });
});

describe("timing proxy against the OpenAI images fake", () => {
  let fake: OpenAIImagesFake;
  let proxy: TimingProxy;
  beforeAll(async () => {
    fake = await startOpenAIImagesFake({ apiKey: "sk-harness" });
    let arrivals = 0;
    // What prepare returns when a request arrives is handed to that request's rewrite.
    proxy = await startTimingProxy({
      target: fake.url,
      prepare: () => ++arrivals,
      rewriteJson: (body, prepared) => ({ ...(body as object), rewritten: true, prepared }),
    });
  });
  afterAll(async () => {
    await proxy.close();
    await fake.close();
  });

  it("measures the fake's latency and relays (rewritten) answers", async () => {
    fake.setLatency(120);
    const started = performance.now();
    const response = await fetch(`${proxy.url}/images/generations`, {
      method: "POST",
      headers: { authorization: "Bearer sk-harness", "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-image-1", prompt: "a red circle", size: "1024x1024" }),
    });
    const body = (await response.json()) as { data: unknown[]; rewritten?: boolean; prepared?: number };
    const elapsed = performance.now() - started;
    expect(response.status).toBe(200);
    expect(body.rewritten).toBe(true);
    expect(body.prepared).toBe(1);
    expect(body.data).toHaveLength(1);
    const [exchange] = proxy.exchanges;
    const busy = exchange!.end - exchange!.start;
    expect(busy).toBeGreaterThanOrEqual(119);
    expect(busy).toBeLessThanOrEqual(elapsed + 1);
  });
});
