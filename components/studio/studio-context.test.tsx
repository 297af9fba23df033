import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { StudioConfig } from "@/lib/schemas/studio-config";
import { StudioProvider, useStudio } from "./studio-context";

const config: StudioConfig = { understanding: { kind: "offline", label: "Offline", refineModel: "offline", critiqueModel: "offline" }, providers: [], videoProviders: [] };

const projectId = "7d3f0c1e-5a2b-4c8d-9e6f-0a1b2c3d4e5f";

function RefinedPrompt() {
  return <p>{useStudio((s) => s.refinedPrompt)}</p>;
}

/** What the server sends for one request of a project page. */
function serverRender(refinedPrompt: string): string {
  return renderToString(
    <StudioProvider initial={{ projectId, refinedPrompt }} references={{ projectId, references: [], activeId: null }} config={config}>
      <RefinedPrompt />
    </StudioProvider>,
  );
}

describe("the studio's stores on the server", () => {
  it("renders each request of a project page from that request's data, never an earlier request's store", () => {
    expect(serverRender("a lighthouse at dusk")).toContain("a lighthouse at dusk");
    // The same project again after a revision (a reload of /p/<id>): the page shows the new prompt.
    expect(serverRender("a lighthouse at dusk, amber sky")).toContain("a lighthouse at dusk, amber sky");
  });
});
