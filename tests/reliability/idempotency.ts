import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startOpenAIImagesFake } from "../support/fakes/openai-images";
import { startApp } from "./app-server";
import { signedInDesigner } from "./studio-client";

/**
 * No double spend: against a real production server and the OpenAI Images fake (which counts
 * the calls it gets), a double click, a replay after the answer, and a retry after a failure
 * each cost exactly the calls they should; a reused key with another payload is refused.
 */
export async function idempotencySuite({ port }: { port: number }): Promise<void> {
  const openai = await startOpenAIImagesFake({ apiKey: "sk-reliability-openai" });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "loupe-idem-"));
  const app = await startApp({
    port,
    env: { LOUPE_DATA_DIR: dataDir, OPENAI_API_KEY: "sk-reliability-openai", OPENAI_BASE_URL: openai.url, LOUPE_PROVIDER_MAX_RETRIES: "0" },
  });
  try {
    const d = await signedInDesigner(app.url);
    const calls = () => openai.requests.filter((r) => r.path === "/v1/images/generations").length;
    openai.setLatency(600);

    // A double click: two identical requests in flight at once.
    const key = randomUUID();
    const [a, b] = await Promise.all([d.generate({ prompt: "a red kite", providerId: "openai", key }), d.generate({ prompt: "a red kite", providerId: "openai", key })]);
    assert.ok(a.ok && b.ok, `both answer: ${JSON.stringify([a.error, b.error])}`);
    assert.equal(calls(), 1, `a double click makes one provider call: ${JSON.stringify(a.value).slice(0, 400)}`);
    const idOf = (r: typeof a) => (r.value as { iteration: { id: string } }).iteration.id;
    assert.equal(idOf(a), idOf(b), "both clicks get the same iteration");

    // A reconnect: the same request again after the answer.
    const again = await d.generate({ prompt: "a red kite", providerId: "openai", key });
    assert.ok(again.ok);
    assert.equal(idOf(again), idOf(a));
    assert.equal(calls(), 1, "a replay after the answer makes no call");

    // The same key with another payload.
    const conflict = await d.generate({ prompt: "a blue kite", providerId: "openai", key });
    assert.equal(conflict.ok, false);
    assert.equal(conflict.error?.code, "conflict");
    assert.match(conflict.error?.message ?? "", /key of a different one/);
    assert.equal(calls(), 1);

    // A failure, then Retry under the same key: one new attempt on the same row, even when retried twice at once.
    openai.setLatency(0);
    openai.failNext(500, 1);
    const failKey = randomUUID();
    const failed = await d.generate({ prompt: "a green kite", providerId: "openai", key: failKey });
    assert.ok(failed.ok);
    const failedIteration = (failed.value as { iteration: { id: string; status: string } }).iteration;
    assert.equal(failedIteration.status, "failed");
    assert.equal(calls(), 2);
    openai.setLatency(400);
    const [r1, r2] = await Promise.all([
      d.generate({ prompt: "a green kite", providerId: "openai", key: failKey }),
      d.generate({ prompt: "a green kite", providerId: "openai", key: failKey }),
    ]);
    assert.equal(calls(), 3, "two retries at once make one new call");
    for (const r of [r1, r2]) {
      const it = (r.value as { iteration: { id: string; status: string } }).iteration;
      assert.equal(it.id, failedIteration.id, "the retry renders on the failed row, not beside it");
      assert.notEqual(it.status, "failed");
    }
    console.info("idempotency: double click, replay, conflict and retry-after-failure each cost the calls they should");
  } catch (error) {
    console.error(app.log());
    throw error;
  } finally {
    await app.kill("SIGTERM");
    await openai.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
