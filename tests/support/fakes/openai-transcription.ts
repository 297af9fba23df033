/**
 * OpenAI's transcription endpoint (https://api.openai.com/v1/audio/transcriptions): multipart with
 * `file`, `model`, `response_format` (json | verbose_json | text) and `timestamp_granularities[]`;
 * verbose_json answers with the text, language, duration and timed segments. The fake cannot hear:
 * it reads the MP3's length from its bitrate header and says one numbered sentence per two seconds,
 * so a test can check that timed speech reaches the transcript and Claude's request.
 */
import { HttpFailure, isRecord, startProviderFake, type Protocol, type ProviderFake, type UploadedFile } from "./provider-fake";

const MODELS = new Set(["whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe"]);
const openAIError = (status: number, message: string, param: string | null = null) => new HttpFailure(status, { error: { message, type: "invalid_request_error", param, code: null } });

/** MP3 length from its size and the first frame header's bitrate (constant bitrate, as ffmpeg writes it here). */
function mp3Seconds(bytes: Buffer): number {
  const at = bytes.findIndex((b, i) => b === 0xff && ((bytes[i + 1] ?? 0) & 0xe0) === 0xe0);
  const bitrates = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
  const kbps = at >= 0 ? bitrates[((bytes[at + 2] ?? 0) >> 4) & 0x0f] ?? 48 : 48;
  return Math.round(((bytes.length * 8) / (kbps * 1000)) * 10) / 10;
}

export const openAITranscriptionProtocol: Protocol = {
  basePath: "/v1",
  checkAuth(headers, apiKey) {
    if (headers.authorization !== `Bearer ${apiKey}`) return new HttpFailure(401, { error: { message: "Incorrect API key provided.", type: "invalid_request_error", param: null, code: "invalid_api_key" } });
  },
  fault: (status) => openAIError(status, status === 429 ? "Rate limit reached." : "The server had an error while processing your request."),
  async handle(ctx) {
    if (ctx.method !== "POST" || ctx.path !== "/v1/audio/transcriptions") throw openAIError(404, `Invalid URL (${ctx.method} ${ctx.path})`);
    const body = isRecord(ctx.body) ? ctx.body : {};
    if (!MODELS.has(String(body.model))) throw openAIError(400, `Invalid model: ${String(body.model)}`, "model");
    const file = body.file as UploadedFile | undefined;
    if (!file || typeof file !== "object" || !("bytes" in file)) throw openAIError(400, "Missing required parameter: 'file'.", "file");
    const seconds = mp3Seconds(file.bytes);
    const segments = Array.from({ length: Math.max(1, Math.ceil(seconds / 2)) }, (_, id) => ({ id, seek: 0, start: id * 2, end: Math.min(seconds, id * 2 + 2), text: ` Sentence ${id + 1} of the narration.`, tokens: [], temperature: 0, avg_logprob: -0.2, compression_ratio: 1.2, no_speech_prob: 0.01 }));
    const text = segments.map((s) => s.text.trim()).join(" ");
    if (body.response_format === "verbose_json") return { json: { task: "transcribe", language: "english", duration: seconds, text, segments } };
    return { json: { text } };
  },
};

export const startOpenAITranscriptionFake = (options: { apiKey: string; port?: number }): Promise<ProviderFake> => startProviderFake({ protocol: openAITranscriptionProtocol, ...options });
