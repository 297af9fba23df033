import { expect } from "@playwright/test";
import { ports } from "./e2e-env";

/** The providers server's two image-provider fakes, driven and read over their control endpoint. */
export type LoggedRequest = { at: string; endedAt?: string; aborted: boolean; method: string; path: string; status: number; body?: Record<string, unknown> };

export const fakes = { fal: `http://127.0.0.1:${ports.falFake}`, luma: `http://127.0.0.1:${ports.lumaFake}` };
export type FakeName = keyof typeof fakes;

export async function control(fake: FakeName, body: Record<string, unknown>) {
  const response = await fetch(`${fakes[fake]}/__control`, { method: "POST", body: JSON.stringify(body) });
  expect(response.ok).toBe(true);
}

/** The generation requests (POSTs) the fake has seen, oldest first. */
export async function posts(fake: FakeName): Promise<LoggedRequest[]> {
  const log = (await (await fetch(`${fakes[fake]}/__control`)).json()) as { requests: LoggedRequest[] };
  return log.requests.filter((r) => r.method === "POST");
}
