/**
 * One analysis worker: builds the pipeline once (knowledge and gazetteer loaded once per worker)
 * and answers `{seq, article}` messages with `{seq, result, ms}` or `{seq, error}`; asked, it also
 * derives what a writer needs beside the analysis (the article's near-duplicate signature, its
 * row as the store prepares it).
 */
import { parentPort, workerData } from "node:worker_threads";
import { InputError } from "../errors.js";
import { type DuplicateSignature, signatureOf } from "../ingest/dedupe.js";
import { toAnalysisJson } from "../output/json.js";
import { createPipeline, type PipelineOptions } from "../pipeline.js";
import { type PreparedArticle, prepareArticle } from "../store/prepare.js";
import type { Article } from "../types.js";
import type { WorkerReply, WorkerRequest } from "./pool.js";

const port = parentPort;
if (!port) throw new Error("analyze-worker runs as a worker thread");
const analyze = createPipeline((workerData as { options?: PipelineOptions } | null)?.options ?? {});
port.on("message", (msg: WorkerRequest) => {
  let reply: WorkerReply & { signature?: DuplicateSignature; prepared?: PreparedArticle };
  try {
    const t0 = performance.now();
    const result = toAnalysisJson(analyze(msg.article as Article));
    const ms = performance.now() - t0;
    reply = { seq: msg.seq, result, ms };
    // What the writer would otherwise derive itself, on its one thread.
    if (msg.sign) reply.signature = signatureOf(msg.article.text);
    if (msg.store) {
      try {
        reply.prepared = prepareArticle(msg.store, result);
        // The prepared rows are all the writer needs: the analysis' objects would cost it more
        // to receive (structured cloning) than everything else together.
        if (msg.lean) delete reply.result;
      } catch {
        // Refused by the store: the writer finds out itself, and says why.
      }
    }
  } catch (e) {
    const err = e as Error;
    reply = {
      seq: msg.seq,
      error: {
        message: err.message,
        input: e instanceof InputError,
        reason: e instanceof InputError ? e.reason : undefined,
        stack: err.stack,
      },
    };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
