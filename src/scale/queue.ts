/**
 * The analysis job queue: articles waiting to be analysed and stored by `rasd worker` processes
 * on any number of machines, kept in PostgreSQL (the store's database) by pg-boss. See
 * docs/deploy.md.
 *
 * - One job per article, its payload the article as read (text and what the source said of it).
 * - The job id is derived from the article's content hash (the store's own `contentHash`), so
 *   enqueuing an article already waiting, running, done or failed is a no-op: the job table's
 *   primary key refuses the second copy. The hash is also the job's singletonKey, to find it.
 * - A worker completes a job only after the store's transaction for it committed, and the store
 *   skips an article whose hash it holds: delivery is at least once, the effect exactly once.
 * - A job that keeps failing ends `failed` (its error kept) and a copy goes to the dead-letter
 *   queue; a job whose worker died stays `active` until it expires, then is retried.
 */
import pg from "pg";
import type PgBoss from "pg-boss";
import type { ArticleFields } from "../ingest/index.js";
import { articleIdFor, contentHash } from "../store/index.js";

/** The queue of articles to analyse. */
export const ANALYZE_QUEUE = "rasd-analyze";
/** Where pg-boss copies the jobs that failed for good. */
export const FAILED_QUEUE = "rasd-analyze-failed";
/** The PostgreSQL schema holding pg-boss's tables (beside the store's). */
export const QUEUE_SCHEMA = "pgboss";

/** An analysis job's payload: the article as read, JSON as it is. */
export interface ArticleJob extends ArticleFields {
  /** Where it was read ("archive.jsonl:12", a feed item's link): named when it fails. */
  where?: string;
}

/** Retry, expiry and upkeep: the same for every process of a deployment (docs/deploy.md). */
export interface QueueSettings {
  /**
   * How long a job may stay active before it is taken back and retried: a worker that died
   * (SIGKILL, a lost machine) holds its jobs this long. Must exceed the time a worker takes for
   * one fetched batch. Set when a job is sent. Default 300 s.
   */
  expireInSeconds: number;
  /** Retries after a failure or an expiry before the job ends failed. Default 3. */
  retryLimit: number;
  /** Delay before the first retry, doubled (with jitter) for each further one. Default 30 s. */
  retryDelaySeconds: number;
  /** How often a worker expires, archives and purges jobs (one worker does it per interval). Default 60 s. */
  maintenanceIntervalSeconds: number;
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  expireInSeconds: 300,
  retryLimit: 3,
  retryDelaySeconds: 30,
  maintenanceIntervalSeconds: 60,
};

const SETTINGS_ENV: Record<keyof QueueSettings, string> = {
  expireInSeconds: "RASD_QUEUE_EXPIRE_S",
  retryLimit: "RASD_QUEUE_RETRY_LIMIT",
  retryDelaySeconds: "RASD_QUEUE_RETRY_DELAY_S",
  maintenanceIntervalSeconds: "RASD_QUEUE_MAINTENANCE_S",
};

/** Failed jobs stay in the job table, visible to `rasd queue status`, this long. */
const KEEP_FAILED_SECONDS = 7 * 24 * 3600;
/** A job not started within this many days is dropped (a backlog larger than that is a mistake). */
const RETENTION_DAYS = 30;

/** A queue that cannot be used: no or a wrong database (config), or PostgreSQL out of reach. */
export class QueueError extends Error {
  constructor(
    message: string,
    readonly code: "config" | "unavailable",
  ) {
    super(message);
    this.name = "QueueError";
  }
}

/** The settings, each from its environment variable when set (RASD_QUEUE_EXPIRE_S, …). */
export function queueSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  const settings = { ...DEFAULT_QUEUE_SETTINGS };
  for (const key of Object.keys(SETTINGS_ENV) as (keyof QueueSettings)[]) {
    const name = SETTINGS_ENV[key];
    const raw = env[name];
    if (raw === undefined || raw === "") continue;
    const n = Number(raw);
    const least = key === "retryLimit" ? 0 : 1;
    if (!Number.isInteger(n) || n < least || n > 86_400)
      throw new QueueError(
        `${name}="${raw}" is not a whole number from ${least} to 86400`,
        "config",
      );
    settings[key] = n;
  }
  return settings;
}

/** A url with its password hidden, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/:]*):[^@/]*@/, "//$1:…@");
}

/**
 * The PostgreSQL url a queue command works on: `--db`, else $DATABASE_URL. Anything else is
 * refused with what to do: the queue is a PostgreSQL feature (SQLite has no concurrent writers
 * on several machines to feed).
 */
export function queueDatabaseUrl(db: string | undefined, command: string): string {
  const url = db ?? process.env.DATABASE_URL;
  if (url === undefined || url === "") {
    throw new QueueError(
      `${command} needs PostgreSQL, which holds the job queue: give --db postgres://USER@HOST/DB or set DATABASE_URL`,
      "config",
    );
  }
  if (/^postgres(ql)?:\/\//i.test(url)) return url;
  const what = /^postgres(ql)?:/i.test(url)
    ? "not a well-formed url"
    : /^[a-z][a-z0-9+.-]*:\/\//i.test(url)
      ? "a url of another kind"
      : "a SQLite store";
  throw new QueueError(
    `${command} needs PostgreSQL, which holds the job queue; ${redactUrl(url)} is ${what}. Give --db postgres://USER@HOST/DB (with SQLite, rasd ingest and rasd serve analyse articles themselves, without a queue)`,
    "config",
  );
}

/**
 * Connects once, with a time limit, so that a wrong url or a server that is down is reported
 * in one line before any pool is opened.
 */
export async function probePostgres(url: string, timeoutMs = 10_000): Promise<void> {
  let client: pg.Client;
  try {
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  } catch (e) {
    throw new QueueError(
      `not a usable PostgreSQL url (${redactUrl(url)}): ${messageOf(e)}`,
      "config",
    );
  }
  try {
    await client.connect();
    await client.query("select 1");
  } catch (e) {
    throw new QueueError(
      `cannot reach PostgreSQL at ${redactUrl(url)}: ${messageOf(e)}`,
      "unavailable",
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** PostgreSQL out of reach or gone: a refused or dropped connection, the server shutting down. */
export function isConnectionLoss(e: unknown): boolean {
  const { code, message } = (e ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string") {
    if (/^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ENOENT)$/.test(code))
      return true;
    // SQLSTATE class 08 (connection exception); 57P01-57P03 (shutting down, cannot connect now).
    if (/^08...$|^57P0[123]$/.test(code)) return true;
  }
  return typeof message === "string" && /^Connection terminated/.test(message);
}

function messageOf(e: unknown): string {
  const err = e as { message?: string; code?: string };
  const message = err.message || err.code || String(e);
  // An aggregate of connection attempts (IPv4 and IPv6) says nothing itself: name the first cause.
  const inner = (e as { errors?: { message?: string }[] }).errors?.[0]?.message;
  return inner && !message.includes(inner) ? `${message} ${inner}`.trim() : message;
}

/**
 * The job id for an article: its content hash as a UUID (the first 128 bits, marked version 8,
 * "custom"), so that the queue's primary key is the article's identity.
 */
export function jobIdFor(hash: string): string {
  const h = hash.slice(0, 32).split("");
  h[12] = "8";
  h[16] = ((Number.parseInt(h[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  const s = h.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

/** The store's content hash of a job's article (outlet included, as `putArticle` computes it). */
export function jobHash(job: ArticleJob): string {
  return contentHash(job.text, job.outlet ?? null);
}

export interface Enqueued {
  jobId: string;
  /** The id the article is (or will be) stored under. */
  articleId: string;
  /** False when a job for this article was already in the queue (waiting, running, done or failed). */
  created: boolean;
}

/** Jobs of the analysis queue by state, and the dead letters. */
export interface QueueCounts {
  created: number;
  retry: number;
  active: number;
  completed: number;
  cancelled: number;
  failed: number;
  /** Copies of the failed jobs in the dead-letter queue. */
  deadLetters: number;
}

export interface FailedJob {
  id: string;
  where: string | null;
  message: string;
  failedAt: string | null;
  retries: number;
}

export interface QueueOpenOptions {
  settings?: QueueSettings;
  /** Workers run pg-boss's upkeep (expiring dead workers' jobs); producers need not. */
  maintain?: boolean;
  /** Connections in pg-boss's pool (default 2). */
  poolSize?: number;
  /** Errors pg-boss meets in the background (a dropped connection). Default: ignored. */
  onError?: (error: Error) => void;
}

/** The analysis queue on one PostgreSQL database. */
export class ArticleQueue {
  private constructor(
    private readonly boss: PgBoss,
    readonly settings: QueueSettings,
  ) {}

  /** Connects, installs or migrates pg-boss's schema and creates the queues if needed. */
  static async open(url: string, options: QueueOpenOptions = {}): Promise<ArticleQueue> {
    const settings = options.settings ?? queueSettingsFromEnv();
    await probePostgres(url);
    // Loaded here, not at the top: every rasd command imports this module, few use the queue.
    const { default: Boss } = await import("pg-boss");
    const boss = new Boss({
      connectionString: url,
      schema: QUEUE_SCHEMA,
      max: options.poolSize ?? 2,
      application_name: "rasd-queue",
      // No cron schedules here: the timekeeper would only add queries.
      schedule: false,
      supervise: options.maintain === true,
      maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
      archiveFailedAfterSeconds: KEEP_FAILED_SECONDS,
    });
    // pg-boss emits errors met in the background; unlistened, an 'error' event ends the process.
    boss.on("error", (e) => options.onError?.(e));
    try {
      await boss.start();
      const queueOptions = {
        retryLimit: settings.retryLimit,
        retryDelay: settings.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: settings.expireInSeconds,
      };
      await boss.createQueue(FAILED_QUEUE, { name: FAILED_QUEUE });
      await boss.createQueue(ANALYZE_QUEUE, {
        name: ANALYZE_QUEUE,
        ...queueOptions,
        deadLetter: FAILED_QUEUE,
      });
    } catch (e) {
      await boss.stop({ graceful: false }).catch(() => {});
      throw e;
    }
    return new ArticleQueue(boss, settings);
  }

  /** Sends one article; a second send of the same article (same content hash) adds nothing. */
  async enqueue(job: ArticleJob): Promise<Enqueued> {
    const hash = jobHash(job);
    const jobId = jobIdFor(hash);
    const sent = await this.boss.send(ANALYZE_QUEUE, job, {
      id: jobId,
      singletonKey: hash,
      retryLimit: this.settings.retryLimit,
      retryDelay: this.settings.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: this.settings.expireInSeconds,
      retentionDays: RETENTION_DAYS,
    });
    return { jobId, articleId: articleIdFor(hash), created: sent !== null };
  }

  /** Takes up to `batchSize` waiting jobs (now active, each for `expireInSeconds`). */
  async fetch(batchSize: number): Promise<PgBoss.Job<ArticleJob>[]> {
    return this.boss.fetch<ArticleJob>(ANALYZE_QUEUE, { batchSize });
  }

  /** Marks a job done, with what came of it (kept in the job's output). */
  async complete(id: string, output: object): Promise<void> {
    await this.boss.complete(ANALYZE_QUEUE, id, output);
  }

  /** Marks a job failed: retried later unless its retries are spent (then dead-lettered). */
  async fail(id: string, output: { message: string; where?: string }): Promise<void> {
    await this.boss.fail(ANALYZE_QUEUE, id, output);
  }

  async counts(): Promise<QueueCounts> {
    const { rows } = await this.boss
      .getDb()
      .executeSql(
        `select name, state::text as state, count(*)::int as n from ${QUEUE_SCHEMA}.job where name = any($1) group by 1, 2`,
        [[ANALYZE_QUEUE, FAILED_QUEUE]],
      );
    const counts: QueueCounts = {
      created: 0,
      retry: 0,
      active: 0,
      completed: 0,
      cancelled: 0,
      failed: 0,
      deadLetters: 0,
    };
    for (const r of rows as { name: string; state: keyof QueueCounts; n: number }[]) {
      if (r.name === FAILED_QUEUE) counts.deadLetters += r.n;
      else if (r.state in counts) counts[r.state] += r.n;
    }
    return counts;
  }

  /** True when no job is waiting, due for a retry or running (failed ones are final). */
  async drained(): Promise<boolean> {
    const { rows } = await this.boss
      .getDb()
      .executeSql(
        `select exists(select 1 from ${QUEUE_SCHEMA}.job where name = $1 and state < 'completed') as busy`,
        [ANALYZE_QUEUE],
      );
    return (rows[0] as { busy: boolean } | undefined)?.busy === false;
  }

  /** Jobs waiting to start (new or due for a retry). */
  async waiting(): Promise<number> {
    return this.boss.getQueueSize(ANALYZE_QUEUE);
  }

  /** The latest jobs that failed for good, with their error. */
  async failures(limit = 20): Promise<FailedJob[]> {
    const { rows } = await this.boss.getDb().executeSql(
      `select id::text as id, data->>'where' as "where",
         coalesce(output->>'message', output->'value'->>'message', output::text, '') as message,
         completed_on as failed_at, retry_count as retries
       from ${QUEUE_SCHEMA}.job where name = $1 and state = 'failed'
       order by completed_on desc limit $2`,
      [ANALYZE_QUEUE, limit],
    );
    return (
      rows as {
        id: string;
        where: string | null;
        message: string;
        failed_at: Date | null;
        retries: number;
      }[]
    ).map((r) => ({
      id: r.id,
      where: r.where,
      message: r.message,
      failedAt: r.failed_at ? r.failed_at.toISOString() : null,
      retries: r.retries,
    }));
  }

  /** Puts every failed job back in the queue (each gets one more try); returns how many. */
  async retryFailed(): Promise<number> {
    const { rows } = await this.boss
      .getDb()
      .executeSql(
        `select id::text as id from ${QUEUE_SCHEMA}.job where name = $1 and state = 'failed'`,
        [ANALYZE_QUEUE],
      );
    const ids = (rows as { id: string }[]).map((r) => r.id);
    for (let i = 0; i < ids.length; i += 1000) {
      await this.boss.retry(ANALYZE_QUEUE, ids.slice(i, i + 1000));
    }
    return ids.length;
  }

  /** Stops pg-boss's upkeep and closes its connections. */
  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, close: true });
  }
}
