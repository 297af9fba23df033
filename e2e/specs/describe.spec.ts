import { expect, test } from "../fixtures";
import { fixtureImage } from "../pages/describe-dialog";

const chart = () => ({ name: "quarterly-sales.png", mimeType: "image/png", buffer: fixtureImage("quarterly-sales-chart.png") });

/** A PNG that declares 30000×30000 pixels: refused from its header, before any pixel is decoded. */
function hugePngHeader(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(30000, 0);
  ihdr.writeUInt32BE(30000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", Buffer.alloc(16)), chunk("IEND", Buffer.alloc(0))]);
}

test("Offline reads a chart: its size, palette and the text read offline; a follow-up is answered, and both are there after a reload", async ({ studio, describe, page }) => {
  await studio.open();
  await describe.open();
  await expect(describe.dialog).toContainText("not Claude");
  await describe.describe(chart());
  await expect(describe.summary).toContainText("800×500 px");
  await expect(describe.summary).toContainText("Quarterly sales 2026");
  for (const value of ["120", "340", "275", "410"]) await expect(describe.summary).toContainText(value);
  await expect(describe.summary).toContainText("white");
  await expect(describe.summary).toContainText("Offline engine (not Claude) · no tokens · $0.00");
  // Describing before the first render starts the project, as a reference upload does.
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]{36}$/);

  await describe.ask("What does the text say?", 2);
  await expect(describe.summary).toContainText("You asked: What does the text say?");
  await expect(describe.summary).toContainText("The text it read:");

  await page.reload();
  await describe.open();
  await describe.waitForAnswer(2);
  await expect(describe.summary).toContainText("Quarterly sales 2026");
  await expect(describe.summary).toContainText("You asked: What does the text say?");
});

test("a broken video, a file that is not an image, an 11 MB file, a 30000×30000 image and a bad question each get a clear message, and nothing is lost", async ({ studio, describe, page }) => {
  // The broken clip is now read by the server (ffmpeg probes it) before it is refused: more than the default minute on a loaded machine.
  test.setTimeout(120_000);
  await studio.open();
  await describe.open();
  await describe.describe(chart());

  const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom"), Buffer.alloc(64)]);
  await describe.file.setInputFiles({ name: "clip.mp4", mimeType: "video/mp4", buffer: mp4 });
  // A clip goes to the video route, which reads it and says what is wrong with it.
  await expect(describe.alert).toContainText(/no frames that could be decoded|not a video Loupe can read/);
  // A video sent in a form under an image's name is refused with where clips go instead.
  const form = { file: { name: "clip.png", mimeType: "image/png", buffer: mp4 } };
  const refused = await page.request.post("/api/describe", { multipart: form });
  expect(refused.status()).toBe(415);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("Send a video as the request body itself");

  await describe.file.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not an image") });
  await expect(describe.alert).toContainText("not an image Describe can read");
  await describe.file.setInputFiles({ name: "big.png", mimeType: "image/png", buffer: Buffer.alloc(11 * 1024 * 1024, 1) });
  await expect(describe.alert).toContainText("at most 10 MB");
  await describe.file.setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: hugePngHeader() });
  await expect(describe.alert).toContainText("too many pixels");

  await describe.question.fill("   ");
  await describe.askButton.click();
  await expect(describe.alert).toHaveText("Write a question first.");
  await describe.question.fill("why ".repeat(500) + "?");
  await describe.askButton.click();
  await expect(describe.alert).toHaveText("Questions can be at most 2,000 characters.");

  // The chart's summary is still there, and still answers.
  await expect(describe.summary).toContainText("Quarterly sales 2026");
  await describe.ask("What colours are used?", 2);
  await expect(describe.summary).toContainText("Its palette:");
});

test("a render of the project is read, then used as a reference and as the draft", async ({ studio, describe, page }) => {
  await studio.open();
  await studio.firstIteration('A poster for a night jazz festival, deep blue and gold, headline "Blue Hour"');
  await describe.open();
  await describe.dialog.getByRole("button", { name: "Describe render v1" }).click();
  await describe.waitForAnswer(1);
  await expect(describe.summary).toContainText("1024×1024 px");

  await describe.dialog.getByRole("button", { name: "Use as reference" }).click();
  await expect(describe.dialog.getByRole("status")).toContainText("now one of this project's references");
  const references = page.getByRole("region", { name: "Reference image" });
  await expect(references.getByRole("checkbox", { name: "Use this reference for the next renders and critiques" })).toBeChecked();

  await describe.dialog.getByRole("button", { name: "Use as draft" }).click();
  await expect(describe.dialog).toBeHidden();
  await expect(studio.prompt).toHaveValue(/^What it is: /);
});
