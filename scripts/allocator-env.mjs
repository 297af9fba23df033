// glibc malloc settings for the server process, read only when a process starts, so every
// launcher (npm start/demo, the e2e server, the bench) sets them for its child. The
// environment wins over these. Measured in bench/README.md ("memory"):
// - MALLOC_ARENA_MAX=2: libvips runs on libuv's threads, and each thread's arena kept freed
//   image memory (−75 MB of other anonymous memory after 300 renders).
// - MALLOC_MMAP_THRESHOLD_=131072: blocks of 128 kB and more (image buffers, 2–4 MB each) are
//   mapped and unmapped instead of fragmenting the main heap; glibc's default raises the
//   threshold after the first free of such a block, and [heap] then grew to ~136 MB (−75 MB).
export const ALLOCATOR_ENV = { MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "131072" };
