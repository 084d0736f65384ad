/**
 * `rasd worker`: a long-running process that analyses and stores the articles queued by
 * `rasd ingest --queue` (or by `rasd serve --queue`'s feed polling), on PostgreSQL. Start as many
 * as the machines allow; docs/deploy.md says how. SIGTERM or Ctrl-C: the jobs in hand are
 * finished and the worker exits; a second one gives them back to the queue at once.
 */
import { Command, InvalidArgumentError } from "commander";
import { defaultWorkers } from "../scale/pool.js";
import { isConnectionLoss, QueueError, queueDatabaseUrl, redactUrl } from "../scale/queue.js";
import { formatWorkerSummary, QueueWorker } from "../scale/worker.js";

interface WorkerCliOptions {
  db?: string;
  concurrency?: number;
  batch?: number;
  untilEmpty?: boolean;
  poll?: number;
  quiet?: boolean;
}

function wholeNumber(what: string, max: number, auto?: () => number) {
  return (v: string): number => {
    const n = auto && v === "auto" ? auto() : /^\d+$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new InvalidArgumentError(
        `"${v}" is not a number of ${what} (1–${max}${auto ? ' or "auto"' : ""})`,
      );
    return n;
  };
}

export function workerCommand(): Command {
  // addCommand does not pass the program's settings on: exit through main's handler (status 2).
  return new Command("worker")
    .exitOverride()
    .showHelpAfterError()
    .description(
      "analyse and store queued articles (rasd ingest --queue) until stopped; PostgreSQL only",
    )
    .option("--db <url>", "postgres:// URL of the store and its queue (default $DATABASE_URL)")
    .option(
      "--concurrency <n>",
      'analysis threads: a number, or "auto" for every core (default 1: on the main thread)',
      wholeNumber("threads", 256, defaultWorkers),
    )
    .option(
      "--batch <n>",
      "jobs taken from the queue at once (default twice the concurrency, at least 2)",
      wholeNumber("jobs", 1000),
    )
    .option("--until-empty", "exit once no job is waiting or running (the end of a backfill)")
    .option(
      "--poll <seconds>",
      "how often to look again when the queue is empty (default 2)",
      wholeNumber("seconds", 3600),
    )
    .option("--quiet", "print only the summary (no start, progress or failure lines)")
    .action(async (opts: WorkerCliOptions) => {
      const url = queueDatabaseUrl(opts.db, "rasd worker");
      const log = opts.quiet
        ? () => {}
        : (line: string) => process.stderr.write(`rasd worker: ${line}\n`);
      const worker = await QueueWorker.open({
        url,
        ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
        ...(opts.batch !== undefined ? { batch: opts.batch } : {}),
        ...(opts.poll !== undefined ? { pollSeconds: opts.poll } : {}),
        untilEmpty: opts.untilEmpty === true,
        log,
      });
      log(
        `taking jobs from ${redactUrl(url)} (pid ${process.pid}, ${opts.concurrency ?? 1} analysis thread${(opts.concurrency ?? 1) > 1 ? "s" : ""})`,
      );
      let signals = 0;
      const onSignal = (signal: NodeJS.Signals) => {
        signals++;
        if (signals === 1) {
          log(`${signal}: finishing the jobs in hand (again to give them back and stop at once)`);
          worker.stop();
          return;
        }
        void worker.release().then((n) => {
          process.stderr.write(`rasd worker: ${signal}: ${n} jobs given back to the queue\n`);
          process.exit(signal === "SIGINT" ? 130 : 143);
        });
      };
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      try {
        const summary = await worker.run();
        process.stderr.write(formatWorkerSummary(summary));
      } catch (e) {
        if (!isConnectionLoss(e)) throw e;
        throw new QueueError(
          `lost PostgreSQL at ${redactUrl(url)} (${(e as Error).message}): the jobs this worker held are retried once they expire`,
          "unavailable",
        );
      } finally {
        await worker.close().catch(() => {});
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
    });
}
