import "server-only";

/*
 * Describe: a designer hands Claude (or the Offline engine) any image — an upload, or a render or
 * reference of the project — and gets a summary of its key information, then answers to
 * follow-up questions in the same conversation, saved with the project. Understanding only:
 * nothing here renders. Route handlers in app/api/describe stay thin around these.
 */
export { answerInThread, answerOnce } from "./answer";
export { threadAsReference } from "./as-reference";
export { MAX_DESCRIBE_PIXELS, startThreadFromProject, startThreadFromUpload, looksLikeVideo, type StartedThread } from "./start";
export { toImageThreadView } from "./views";
export { describeVideoText, startThreadFromVideoUpload, videoTooLarge } from "./video";
