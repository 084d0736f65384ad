/**
 * `rasd queue status` and `rasd queue retry`: what the analysis queue holds (jobs waiting,
 * running, done, failed with their errors) and failed jobs sent round again. docs/deploy.md.
 */
import { Command, InvalidArgumentError } from "commander";
import {
  ANALYZE_QUEUE,
  ArticleQueue,
  QUEUE_SCHEMA,
  queueDatabaseUrl,
  redactUrl,
} from "../scale/queue.js";

interface QueueCliOptions {
  db?: string;
  failures?: number;
  json?: boolean;
}

const DB_OPTION = [
  "--db <url>",
  "postgres:// URL of the store and its queue (default $DATABASE_URL)",
] as const;

export function queueCommand(): Command {
  // Settings given before .command() are inherited by the subcommands.
  const queue = new Command("queue")
    .exitOverride()
    .showHelpAfterError()
    .description("the analysis queue on PostgreSQL: status, and failed jobs retried");
  queue
    .command("status")
    .description("jobs waiting, running, done and failed, with the latest failures")
    .option(...DB_OPTION)
    .option(
      "--failures <n>",
      "how many of the latest failures to list (default 10)",
      (v: string) => {
        const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
        if (!Number.isInteger(n) || n > 1000)
          throw new InvalidArgumentError(`"${v}" is not a number from 0 to 1000`);
        return n;
      },
    )
    .option("--json", "as JSON")
    .action(async (opts: QueueCliOptions) => {
      const url = queueDatabaseUrl(opts.db, "rasd queue status");
      const q = await ArticleQueue.open(url);
      try {
        const counts = await q.counts();
        const failures = await q.failures(opts.failures ?? 10);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ queue: ANALYZE_QUEUE, counts, failures })}\n`);
          return;
        }
        const lines = [
          `queue ${ANALYZE_QUEUE} in ${redactUrl(url)} (schema ${QUEUE_SCHEMA}):`,
          `  waiting ${counts.created + counts.retry} (${counts.retry} to be retried), active ${counts.active}, completed ${counts.completed}, failed ${counts.failed}, dead letters ${counts.deadLetters}`,
        ];
        if (failures.length > 0) lines.push("latest failures:");
        for (const f of failures) {
          lines.push(
            `  ! ${f.failedAt ?? "?"} ${f.where ?? `job ${f.id}`}: ${f.message} (after ${f.retries} retries)`,
          );
        }
        process.stdout.write(`${lines.join("\n")}\n`);
      } finally {
        await q.close();
      }
    });
  queue
    .command("retry")
    .description("send every failed job round again (one more try each)")
    .option(...DB_OPTION)
    .action(async (opts: QueueCliOptions) => {
      const url = queueDatabaseUrl(opts.db, "rasd queue retry");
      const q = await ArticleQueue.open(url);
      try {
        const n = await q.retryFailed();
        process.stdout.write(`rasd queue: ${n} failed jobs sent round again\n`);
      } finally {
        await q.close();
      }
    });
  return queue;
}
