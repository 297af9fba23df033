import type { Page, Response } from "@playwright/test";

/* The project's event stream never ends while its page is open: a spec that reads every response body skips it and reads it with readProjectEvents. */

export const isEventStream = (response: Response): boolean => response.headers()["content-type"]?.startsWith("text/event-stream") ?? false;

/** What the project's event stream carries from its first event, read for a moment in the page (as its EventSource does). */
export function readProjectEvents(page: Page): Promise<string> {
  const projectId = new URL(page.url()).pathname.split("/").pop()!;
  return page.evaluate(async (url) => {
    const controller = new AbortController();
    const reader = (await fetch(url, { signal: controller.signal })).body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const until = Date.now() + 1500;
    while (Date.now() < until) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), until - Date.now()))]);
      if (!chunk || chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    controller.abort();
    return text;
  }, `/api/projects/${projectId}/events?after=0`);
}
