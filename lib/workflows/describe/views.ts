import "server-only";
import type { ImageThreadWithTurns } from "@/lib/db/thread-queries";
import type { ImageThreadTurn } from "@/lib/db/schema";
import type { ImageThreadView, ImageTurnView } from "@/lib/schemas/image-thread";
import { imageUrl, videoUrl } from "@/lib/workflows/iteration-view";
import { videoMediaTypeOfKey } from "@/lib/storage/videos";

export function toImageTurnView(turn: ImageThreadTurn): ImageTurnView {
  return {
    id: turn.id,
    position: turn.position,
    question: turn.question,
    answer: turn.answer,
    engine: turn.engine,
    model: turn.model,
    usage: { inputTokens: turn.inputTokens, outputTokens: turn.outputTokens, cachedTokens: turn.cachedTokens },
    costUsd: turn.costUsd,
    ms: turn.ms,
  };
}

export function toImageThreadView(thread: ImageThreadWithTurns): ImageThreadView {
  return {
    id: thread.id,
    projectId: thread.projectId,
    source: thread.source,
    fileName: thread.fileName,
    url: imageUrl(thread.storageKey),
    width: thread.width,
    height: thread.height,
    ...(thread.videoKey ? { video: { url: videoUrl(thread.videoKey), mediaType: videoMediaTypeOfKey(thread.videoKey), durationSeconds: (thread.durationMs ?? 0) / 1000 } } : {}),
    createdAt: thread.createdAt.toISOString(),
    turns: thread.turns.map(toImageTurnView),
  };
}
