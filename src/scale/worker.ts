/**
 * A queue worker: takes analysis jobs from the queue (queue.ts), analyses each article (on this
 * thread, or on a pool of worker threads), stores it, and only then completes its job. Run as
 * many as wanted, on as many machines, against one PostgreSQL: pg-boss hands each job to one
 * worker at a time, the store serialises writes, and an article already stored is acknowledged
 * without being written again. See docs/deploy.md.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type PgBoss from "pg-boss";
import { InputError } from "../errors.js";
import { storedFields, toArticle } from "../ingest/index.js";
import { type AnalysisResult, toAnalysisJson } from "../output/json.js";
import { createPipeline } from "../pipeline.js";
import { articleIdFor, openStore, type Store } from "../store/index.js";
import type { Article } from "../types.js";
import { AnalysisPool } from "./pool.js";
import {
  type ArticleJob,
  ArticleQueue,
  isConnectionLoss,
  jobHash,
  type QueueSettings,
} from "./queue.js";

export interface WorkerOptions {
  /** The PostgreSQL url of the store and the queue. */
  url: string;
  /** Analysis threads; 1 (the default) analyses on the main thread. */
  concurrency?: number;
  /** Jobs held at once (fetched ahead of the analysis); default twice the concurrency, at least 2. */
  batch?: number;
  /** Stop once no job is waiting, due for a retry or running anywhere (a backfill's end). */
  untilEmpty?: boolean;
  /** How long to wait before asking again when the queue is empty. Default 2 s. */
  pollSeconds?: number;
  settings?: QueueSettings;
  /** Lines worth a log: start, failures, progress. */
  log?: (line: string) => void;
  /** How often to log progress while jobs come in. Default 60 s; 0 never. */
  progressSeconds?: number;
}

export interface WorkerSummary {
  /** Jobs taken from the queue. */
  jobs: number;
  /** Articles stored by this worker. */
  stored: number;
  /** Jobs whose article was stored already (a redelivery, an article sent twice): acknowledged. */
  alreadyStored: number;
  /** Jobs failed (retried later, or failed for good when their retries are spent). */
  failed: number;
  /** Events of the articles stored (before merging across articles). */
  events: number;
  seconds: number;
  /** Time spent analysing and writing, summed over jobs (they overlap with threads). */
  analyzeSeconds: number;
  writeSeconds: number;
  /** CPU time of this process (every thread), user and system: for sizing machines. */
  cpuSeconds: number;
}

export class QueueWorker {
  private stopping = false;
  private readonly wake = new AbortController();
  /** Jobs taken and not yet completed or failed. */
  private readonly held = new Set<string>();
  private readonly summary: WorkerSummary = {
    jobs: 0,
    stored: 0,
    alreadyStored: 0,
    failed: 0,
    events: 0,
    seconds: 0,
    analyzeSeconds: 0,
    writeSeconds: 0,
    cpuSeconds: 0,
  };

  private constructor(
    private readonly queue: ArticleQueue,
    private readonly store: Store,
    private readonly pool: AnalysisPool | undefined,
    private readonly options: WorkerOptions,
  ) {}

  /** Connects to the queue and the store and loads the analysis (threads ready). */
  static async open(options: WorkerOptions): Promise<QueueWorker> {
    const log = options.log ?? (() => {});
    const queue = await ArticleQueue.open(options.url, {
      maintain: true,
      poolSize: 3,
      ...(options.settings ? { settings: options.settings } : {}),
      onError: (e) => log(`queue: ${e.message}`),
    });
    let store: Store | undefined;
    let pool: AnalysisPool | undefined;
    try {
      // Writes are serialised by the store: a few connections are all a worker can use.
      store = await openStore({ url: options.url, poolSize: 4 });
      const concurrency = options.concurrency ?? 1;
      if (concurrency > 1) {
        pool = new AnalysisPool(concurrency);
        await pool.ready();
      }
      return new QueueWorker(queue, store, pool, options);
    } catch (e) {
      await pool?.close();
      await store?.close();
      await queue.close();
      throw e;
    }
  }

  /** Finish the jobs in hand, take no more; `run()` then resolves. */
  stop(): void {
    this.stopping = true;
    this.wake.abort();
  }

  /**
   * Gives the jobs in hand back at once (each failed with the reason, so retried later, by
   * another worker or this one restarted); for a second Ctrl-C. Their articles may still be
   * stored if a write was under way: the retry will find them stored.
   */
  async release(): Promise<number> {
    this.stop();
    const ids = [...this.held];
    this.held.clear();
    for (const id of ids) {
      await this.queue
        .fail(id, { message: "the worker was stopped before finishing it" })
        .catch(() => {});
    }
    return ids.length;
  }

  /** Takes and handles jobs until stopped (or, with `untilEmpty`, until the queue is drained). */
  async run(): Promise<WorkerSummary> {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const log = this.options.log ?? (() => {});
    const batch = this.options.batch ?? Math.max(2, 2 * (this.pool?.size ?? 1));
    const pollMs = (this.options.pollSeconds ?? 2) * 1000;
    const progressMs = (this.options.progressSeconds ?? 60) * 1000;
    let lastProgress = performance.now();
    let loggedJobs = 0;
    const inFlight = new Map<string, Promise<void>>();
    let fatal: { error: unknown } | undefined;
    try {
      while (!this.stopping && !fatal) {
        if (progressMs > 0 && performance.now() - lastProgress > progressMs) {
          if (this.summary.jobs > loggedJobs) log(this.progressLine(t0));
          lastProgress = performance.now();
          loggedJobs = this.summary.jobs;
        }
        // Take more once half the jobs in hand are done, so threads never wait on the queue.
        if (inFlight.size <= batch / 2) {
          const jobs = await this.queue.fetch(batch - inFlight.size);
          if (jobs.length > 0) {
            this.summary.jobs += jobs.length;
            for (const job of jobs) this.held.add(job.id);
            const ids = jobs.map((j) => articleIdFor(jobHash(j.data)));
            const stored = new Set(await this.store.storedArticleIds(ids));
            jobs.forEach((job, i) => {
              const articleId = ids[i] as string;
              // A job's own failures are handled in handle(); what escapes it stops the worker.
              const p = this.handle(job, articleId, stored.has(articleId))
                .catch((e: unknown) => {
                  fatal ??= { error: e };
                })
                .finally(() => inFlight.delete(job.id));
              inFlight.set(job.id, p);
            });
            continue;
          }
          if (inFlight.size === 0) {
            if (this.options.untilEmpty && (await this.queue.drained())) break;
            await sleep(pollMs, undefined, { signal: this.wake.signal }).catch(() => {});
            continue;
          }
        }
        await Promise.race(inFlight.values());
      }
    } catch (e) {
      fatal ??= { error: e };
    }
    // Stopping, drained or failing: the jobs in hand are finished (or fail) before returning.
    await Promise.all(inFlight.values());
    this.summary.seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    this.summary.cpuSeconds = (cpu.user + cpu.system) / 1e6;
    if (fatal) throw fatal.error;
    return { ...this.summary };
  }

  /** One job: stored already, or analysed and stored; completed only after the write committed. */
  private async handle(
    job: PgBoss.Job<ArticleJob>,
    articleId: string,
    stored: boolean,
  ): Promise<void> {
    const data = job.data;
    if (stored) {
      await this.finish(job.id, { article_id: articleId, created: false });
      this.summary.alreadyStored++;
      return;
    }
    try {
      const article = toArticle(data);
      if (!article.id) article.id = data.where ?? articleId;
      const t0 = performance.now();
      const result = await this.analyze(article);
      const t1 = performance.now();
      const put = await this.store.putArticle(storedFields(article, data), result);
      this.summary.analyzeSeconds += (t1 - t0) / 1000;
      this.summary.writeSeconds += (performance.now() - t1) / 1000;
      await this.finish(job.id, {
        article_id: put.article_id,
        created: put.created,
        events: put.event_ids.length,
      });
      if (put.created) {
        this.summary.stored++;
        this.summary.events += result.events.length;
      } else {
        this.summary.alreadyStored++;
      }
    } catch (e) {
      // Dead analysis threads, or the database gone, would fail every job for nothing: stop
      // instead; the jobs in hand expire and are retried.
      if (this.pool?.broken || isConnectionLoss(e)) throw e;
      const message =
        e instanceof InputError ? `refused: ${e.message}` : ((e as Error).message ?? String(e));
      this.summary.failed++;
      this.options.log?.(`job ${job.id}${data.where ? ` (${data.where})` : ""}: ${message}`);
      if (!this.held.delete(job.id)) return; // released meanwhile
      await this.queue.fail(job.id, { message, ...(data.where ? { where: data.where } : {}) });
    }
  }

  private async finish(id: string, output: object): Promise<void> {
    if (!this.held.delete(id)) return; // released meanwhile
    await this.queue.complete(id, output);
  }

  private local: ((article: Article) => AnalysisResult) | undefined;

  private analyze(article: Article): Promise<AnalysisResult> {
    if (this.pool) return this.pool.analyze(article);
    if (!this.local) {
      const pipeline = createPipeline();
      this.local = (a) => toAnalysisJson(pipeline(a));
    }
    try {
      return Promise.resolve(this.local(article));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  progressLine(t0: number): string {
    const s = this.summary;
    const seconds = (performance.now() - t0) / 1000;
    return `${s.jobs} jobs in ${seconds.toFixed(0)} s (${(s.jobs / Math.max(seconds, 0.001)).toFixed(1)}/s): ${s.stored} stored, ${s.alreadyStored} already stored, ${s.failed} failed`;
  }

  /** Closes the queue, the store and the analysis threads. */
  async close(): Promise<void> {
    await this.pool?.close();
    await this.queue.close();
    await this.store.close();
  }
}

/** The closing report, for standard error. */
export function formatWorkerSummary(s: WorkerSummary): string {
  const rate = s.jobs / Math.max(s.seconds, 0.001);
  return `${[
    `rasd worker: ${s.jobs} jobs in ${s.seconds.toFixed(1)} s (${rate.toFixed(1)}/s)`,
    `  stored ${s.stored} new, ${s.alreadyStored} already stored, ${s.failed} failed`,
    `  ${s.events} events from the new articles; analysis ${s.analyzeSeconds.toFixed(1)} s, writing ${s.writeSeconds.toFixed(1)} s, CPU ${s.cpuSeconds.toFixed(1)} s`,
  ].join("\n")}\n`;
}
