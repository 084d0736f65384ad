/**
 * A pool of analysis worker threads: each loads the knowledge once and analyses the articles it
 * is sent; the caller gets each result as a promise. Node's `worker_threads` is all this needs
 * (one kind of job, results returned in messages), so no pool library is added for it.
 *
 * `analyze` sends at once: it is the caller who bounds how many articles are in flight.
 * `stream` does, for a whole source: at most `inFlight` articles read ahead of the results taken
 * (backpressure), so that memory stays bounded however long the source.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { InputError } from "../errors.js";
import type { DuplicateSignature } from "../ingest/dedupe.js";
import type { AnalysisResult } from "../output/json.js";
import type { PipelineOptions } from "../pipeline.js";
import type { PreparedArticle } from "../store/prepare.js";
import type { ArticleInput } from "../store/types.js";
import type { Article } from "../types.js";
import { mapOrdered } from "./ordered.js";

export interface WorkerRequest {
  seq: number;
  article: Article;
  /** Also the article's near-duplicate signature. */
  sign?: boolean;
  /** Also its row as the store prepares it (prepareArticle), for these stored fields. */
  store?: ArticleInput;
  /** With `store`: the analysis itself is left out of the reply when the article was prepared. */
  lean?: boolean;
}

/** What a writer may have a worker derive beside the analysis. */
export interface Extras {
  sign?: boolean;
  store?: ArticleInput;
}

export type WorkerReply =
  | {
      seq: number;
      /** Left out (`lean`) when `prepared` is there. */
      result?: AnalysisResult;
      ms: number;
      signature?: DuplicateSignature;
      prepared?: PreparedArticle;
    }
  | {
      seq: number;
      error: { message: string; input: boolean; reason?: string; stack?: string };
    };

/** An analysis and how long the worker took over it (ms, not counting the wait or the transfer). */
export interface TimedAnalysis {
  result: AnalysisResult;
  ms: number;
  /** With `sign`. */
  signature?: DuplicateSignature;
  /** With `store`, unless the store would refuse the article. */
  prepared?: PreparedArticle;
}

/**
 * What a writer gets for an article to store (`analyzeForStore`): the article prepared for the
 * store (its rows, prepareArticle) without the analysis itself, which would cost the writer more
 * to receive than the rows; or, when the store would refuse it, the analysis (so that the writer
 * says why).
 */
export type StoreAnalysis = { ms: number; signature: DuplicateSignature } & (
  | { prepared: PreparedArticle; result?: undefined }
  | { prepared?: undefined; result: AnalysisResult }
);

type Reply = Omit<Extract<WorkerReply, { ms: number }>, "seq">;

interface Pending {
  resolve: (r: Reply) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: number;
  ready: Promise<void>;
}

/** How many workers "auto" means: every core the process may use. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private failure: Error | undefined;

  constructor(size: number, options: PipelineOptions = {}) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError("a pool needs at least 1 worker");
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL("./analyze-worker.mjs", import.meta.url), {
        workerData: { options },
      });
      let onReady: () => void = () => {};
      const ready = new Promise<void>((resolve) => {
        onReady = resolve;
      });
      const slot: Slot = { worker, busy: 0, ready };
      worker.on("message", (msg: WorkerReply | { ready: true }) => {
        if ("ready" in msg) return onReady();
        slot.busy--;
        const p = this.pending.get(msg.seq);
        if (!p) return;
        this.pending.delete(msg.seq);
        if ("ms" in msg) {
          const { seq: _, ...timed } = msg;
          p.resolve(timed);
        } else if (msg.error.input)
          p.reject(new InputError(msg.error.reason ?? "input", msg.error.message));
        else p.reject(Object.assign(new Error(msg.error.message), { stack: msg.error.stack }));
      });
      // A worker that dies takes its articles with it: they fail, and so does every later call.
      worker.on("error", (e) => this.fail(e));
      worker.on("exit", (code) => {
        if (code !== 0) this.fail(new Error(`analysis worker exited with code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  get size(): number {
    return this.slots.length;
  }

  /** True once a worker died: every later call fails (its caller should stop, not retry). */
  get broken(): boolean {
    return this.failure !== undefined;
  }

  /** Resolves when every worker has loaded its knowledge. */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.ready));
  }

  /** Articles sent and not answered yet. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Analyses one article on the least busy worker. */
  async analyze(article: Article): Promise<AnalysisResult> {
    return (await this.analyzeTimed(article)).result;
  }

  /**
   * Analyses every article of `source`, in its order, with at most `inFlight` (default 16 per
   * worker) sent ahead of the results taken; `fn` picks the article out of each item. Yields
   * each item with its analysis or, for one the analysis refused, the error.
   */
  stream<T>(
    source: AsyncIterable<T> | Iterable<T>,
    fn: (item: T) => Article,
    inFlight = this.size * 16,
  ): AsyncGenerator<{ item: T } & ({ analysis: TimedAnalysis } | { error: Error })> {
    return mapOrdered(
      source,
      (item: T) =>
        this.analyzeTimed(fn(item)).then(
          (analysis) => ({ item, analysis }),
          (error: Error) => {
            if (this.failure) throw error;
            return { item, error };
          },
        ),
      inFlight,
    );
  }

  /** Analyses one article on the least busy worker; says how long the analysis took. */
  async analyzeTimed(article: Article, extras: Extras = {}): Promise<TimedAnalysis> {
    const { result, ...rest } = await this.send({ article, ...extras });
    if (!result) throw new Error("an analysis worker answered without the analysis");
    return { result, ...rest };
  }

  /**
   * Analyses one article to store with these stored fields, and prepares it for the store on the
   * worker too (with its near-duplicate signature): see StoreAnalysis.
   */
  async analyzeForStore(article: Article, store: ArticleInput): Promise<StoreAnalysis> {
    const r = await this.send({ article, sign: true, store, lean: true });
    const signature = r.signature;
    if (!signature) throw new Error("an analysis worker answered without the signature");
    if (r.prepared) return { ms: r.ms, signature, prepared: r.prepared };
    if (!r.result) throw new Error("an analysis worker answered without the analysis");
    return { ms: r.ms, signature, result: r.result };
  }

  private send(request: Omit<WorkerRequest, "seq">): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    let slot = this.slots[0] as Slot;
    for (const s of this.slots) if (s.busy < slot.busy) slot = s;
    const seq = ++this.seq;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      slot.worker.postMessage({ seq, ...request } satisfies WorkerRequest);
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.failure ??= new Error("the analysis pool is closed");
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
