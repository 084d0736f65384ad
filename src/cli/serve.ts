/**
 * `rasd serve`: the HTTP API (docs/api.md) on a port, over the store (SQLite `.rasd/rasd.db` by
 * default). Prints its URL; stops cleanly on SIGINT or SIGTERM (requests under way finish, the
 * store is closed).
 */
import { Command, InvalidArgumentError } from "commander";
import { ApiConfigError, DEFAULT_HOST, DEFAULT_PORT, serve } from "../api/index.js";
import { InputError } from "../errors.js";
import { ArticleQueue, queueDatabaseUrl } from "../scale/queue.js";
import { DEFAULT_SQLITE_PATH, StoreError } from "../store/index.js";

interface ServeCliOptions {
  port: number;
  host: string;
  db?: string;
  token?: string;
  maxBody?: number;
  allowPrivateUrls?: boolean;
  quiet?: boolean;
  /** False with --no-poll. */
  poll?: boolean;
  queue?: boolean;
}

function portNumber(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`"${value}" is not a port (0 to 65535; 0 picks a free one)`);
  return n;
}

function megabytes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError(`"${value}" is not a size in MB`);
  return Math.round(n * 1024 * 1024);
}

/** The database in words, its password hidden. */
function describeDb(db: string | undefined): string {
  const where = db ?? process.env.DATABASE_URL ?? process.env.RASD_DB_PATH ?? DEFAULT_SQLITE_PATH;
  return where.replace(/\/\/([^@/:]*):[^@/]*@/, "//$1:…@");
}

export function serveCommand(): Command {
  // addCommand does not pass the program's settings on: exit through main's handler (status 2).
  return new Command("serve")
    .description("serve the HTTP API (docs/api.md) over the store")
    .exitOverride()
    .showHelpAfterError()
    .option("--port <port>", "port to listen on (0 picks a free one)", portNumber, DEFAULT_PORT)
    .option(
      "--host <host>",
      "address to listen on (beyond localhost, a token is required)",
      DEFAULT_HOST,
    )
    .option(
      "--db <path|url>",
      `SQLite file or postgres:// url (default $DATABASE_URL, $RASD_DB_PATH, else ${DEFAULT_SQLITE_PATH})`,
    )
    .option("--token <token>", "bearer token for writes (better: set RASD_API_TOKEN)")
    .option("--max-body <MB>", "largest request body in MB (default 10)", megabytes)
    .option("--allow-private-urls", "let posted URLs reach loopback and private addresses")
    .option("--quiet", "no line per request on stderr")
    .option("--no-poll", "do not poll the stored feeds (by default each is polled on its schedule)")
    .option(
      "--queue",
      "queue new feed items for rasd worker processes instead of analysing them here (PostgreSQL)",
    )
    .action(async (opts: ServeCliOptions) => {
      const envToken = process.env.RASD_API_TOKEN;
      const token = opts.token ?? (envToken ? envToken : undefined);
      if (opts.queue && opts.poll === false)
        throw new InputError(
          "usage",
          "--queue is for the feeds polled: it does not go with --no-poll",
        );
      const queue = opts.queue
        ? await ArticleQueue.open(queueDatabaseUrl(opts.db, "rasd serve --queue"))
        : undefined;
      let server: Awaited<ReturnType<typeof serve>>;
      try {
        server = await serve({
          port: opts.port,
          host: opts.host,
          ...(opts.db !== undefined ? { dbUrl: opts.db } : {}),
          ...(token !== undefined ? { token } : {}),
          ...(opts.maxBody !== undefined ? { maxBodyBytes: opts.maxBody } : {}),
          ...(opts.allowPrivateUrls ? { allowPrivateNetworks: true } : {}),
          ...(opts.poll !== false
            ? { pollFeeds: { log: (line: string) => process.stderr.write(`rasd: ${line}\n`) } }
            : {}),
          ...(opts.quiet ? {} : { accessLog: (line: string) => process.stderr.write(`${line}\n`) }),
          ...(queue ? { queue } : {}),
        });
      } catch (e) {
        await queue?.close();
        if (e instanceof ApiConfigError || (e instanceof StoreError && e.code === "config")) {
          throw new InputError("config", e.message);
        }
        throw e;
      }
      process.stdout.write(
        `rasd: listening on ${server.url} (${server.store.backend}: ${describeDb(opts.db)}; writes ${token !== undefined ? "need the token" : "from localhost only"}${queue ? "; new feed items queued for rasd worker" : ""}); Ctrl-C stops\n`,
      );
      await new Promise<void>((resolve, reject) => {
        const stop = (signal: NodeJS.Signals) => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          process.stderr.write(
            `rasd: ${signal}: finishing requests under way, closing the store\n`,
          );
          server
            .close()
            .then(() => queue?.close())
            .then(resolve, reject);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      process.stderr.write("rasd: stopped\n");
    });
}
