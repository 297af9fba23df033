import "server-only";
import sharp from "sharp";

/**
 * Process-wide libvips settings, applied once at server start (instrumentation.ts).
 * libvips' operation cache (50 MB by default) keeps recent decodes so that a pipeline can
 * reuse them, but every image Loupe touches is new — a provider render, an upload, a stored
 * original read once per rendition — so its hits are nil and its entries only hold memory.
 * Concurrency is left to sharp: on glibc without jemalloc it already picks 1 thread per
 * operation, and MALLOC_ARENA_MAX=2 in the start scripts (scripts/allocator-env.mjs) bounds the allocator's arenas.
 */
export function configureSharp(): void {
  sharp.cache(false);
}
