/**
 * One analysis worker: builds the pipeline once (knowledge and gazetteer loaded once per worker)
 * and answers `{seq, article}` messages with `{seq, result}` or `{seq, error}`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { InputError } from "../errors.js";
import { toAnalysisJson } from "../output/json.js";
import { createPipeline, type PipelineOptions } from "../pipeline.js";
import type { Article } from "../types.js";
import type { WorkerReply, WorkerRequest } from "./pool.js";

const port = parentPort;
if (!port) throw new Error("analyze-worker runs as a worker thread");
const analyze = createPipeline((workerData as { options?: PipelineOptions } | null)?.options ?? {});
port.on("message", (msg: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const t0 = performance.now();
    const result = toAnalysisJson(analyze(msg.article as Article));
    reply = { seq: msg.seq, result, ms: performance.now() - t0 };
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
