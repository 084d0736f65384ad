/**
 * The analysis queue on PostgreSQL (pg-boss): one job per article however often it is sent, a
 * worker that stores each article once and acknowledges those stored already, refused articles
 * failed and dead-lettered where they can be seen, and the settings read from the environment.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyze } from "../../src/index.js";
import {
  ArticleQueue,
  DEFAULT_QUEUE_SETTINGS,
  isConnectionLoss,
  jobHash,
  jobIdFor,
  QueueError,
  queueDatabaseUrl,
  queueSettingsFromEnv,
} from "../../src/scale/queue.js";
import { QueueWorker } from "../../src/scale/worker.js";
import { articleIdFor, contentHash, openStore } from "../../src/store/index.js";
import { derived, freshDatabase, pgTest, query, syntheticArticle } from "./helpers.js";

/** Settings for tests: no waiting between retries, no retry at all for refused articles. */
const FAST = { ...DEFAULT_QUEUE_SETTINGS, retryLimit: 0, retryDelaySeconds: 1 };

describe("the queue's ids and settings", () => {
  it("derives the job id from the store's content hash, as a UUID", () => {
    const job = { text: syntheticArticle(1).text, outlet: "عنب بلدي" };
    const hash = jobHash(job);
    assert.equal(hash, contentHash(job.text, "عنب بلدي"));
    const id = jobIdFor(hash);
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(jobIdFor(jobHash({ ...job, title: "another title" })), id);
    assert.notEqual(jobIdFor(jobHash({ ...job, outlet: "سانا" })), id);
  });

  it("reads its settings from the environment and refuses a bad value by name", () => {
    assert.deepEqual(queueSettingsFromEnv({}), DEFAULT_QUEUE_SETTINGS);
    assert.equal(queueSettingsFromEnv({ RASD_QUEUE_EXPIRE_S: "5" }).expireInSeconds, 5);
    assert.equal(queueSettingsFromEnv({ RASD_QUEUE_RETRY_LIMIT: "0" }).retryLimit, 0);
    assert.throws(
      () => queueSettingsFromEnv({ RASD_QUEUE_MAINTENANCE_S: "0.5" }),
      /RASD_QUEUE_MAINTENANCE_S="0.5" is not a whole number/,
    );
  });

  it("needs a PostgreSQL url and says why a SQLite store will not do", () => {
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      assert.throws(
        () => queueDatabaseUrl(undefined, "rasd worker"),
        (e: unknown) =>
          e instanceof QueueError && e.code === "config" && /--db postgres:\/\//.test(e.message),
      );
      assert.throws(() => queueDatabaseUrl(".rasd/rasd.db", "rasd worker"), /is a SQLite store/);
      assert.throws(
        () => queueDatabaseUrl("mysql://u:secret@h/db", "rasd worker"),
        (e: unknown) => e instanceof QueueError && !e.message.includes("secret"),
      );
      assert.equal(queueDatabaseUrl("postgres://h/db", "x"), "postgres://h/db");
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });

  it("tells a lost connection from other errors", () => {
    assert.equal(isConnectionLoss(Object.assign(new Error("x"), { code: "ECONNREFUSED" })), true);
    assert.equal(
      isConnectionLoss(Object.assign(new Error("shutting down"), { code: "57P01" })),
      true,
    );
    assert.equal(isConnectionLoss(new Error("Connection terminated unexpectedly")), true);
    assert.equal(isConnectionLoss(Object.assign(new Error("dup"), { code: "23505" })), false);
    assert.equal(isConnectionLoss(new Error("input is empty")), false);
  });

  it("reports a PostgreSQL that cannot be reached in one line", async () => {
    await assert.rejects(
      ArticleQueue.open("postgres://rasd@127.0.0.1:1/rasd"),
      (e: unknown) =>
        e instanceof QueueError &&
        e.code === "unavailable" &&
        /^cannot reach PostgreSQL at postgres:\/\/rasd@127\.0\.0\.1:1\/rasd: .*ECONNREFUSED/.test(
          e.message,
        ),
    );
  });
});

describe("the queue on PostgreSQL", () => {
  pgTest("enqueuing the same article twice makes one job", async () => {
    const db = await freshDatabase();
    const queue = await ArticleQueue.open(db.url, { settings: FAST });
    try {
      const a = syntheticArticle(3);
      const first = await queue.enqueue({ text: a.text, id: a.id, where: "a.jsonl:1" });
      const again = await queue.enqueue({ text: a.text, id: "another-id", where: "b.jsonl:9" });
      assert.equal(first.created, true);
      assert.equal(again.created, false);
      assert.equal(again.jobId, first.jobId);
      assert.equal(first.articleId, articleIdFor(contentHash(a.text, null)));
      // The same text from another outlet is another article, so another job.
      const other = await queue.enqueue({ text: a.text, outlet: "سانا" });
      assert.equal(other.created, true);
      const counts = await queue.counts();
      assert.equal(counts.created, 2);
      const rows = await query<{ n: number }>(
        db.url,
        "select count(*)::int as n from pgboss.job where name = 'rasd-analyze' and singleton_key = $1",
        [contentHash(a.text, null)],
      );
      assert.equal(rows[0]?.n, 1);
    } finally {
      await queue.close();
      await db.drop();
    }
  });

  pgTest(
    "a worker stores every queued article once, acknowledges those stored already and fails refused ones visibly",
    async () => {
      const db = await freshDatabase();
      const queue = await ArticleQueue.open(db.url, { settings: FAST });
      const total = 24;
      try {
        for (let n = 0; n < total; n++) {
          const a = syntheticArticle(n);
          await queue.enqueue({
            text: a.text,
            published: a.date,
            where: `synthetic.jsonl:${n + 1}`,
          });
        }
        await queue.enqueue({ text: "an English text rasd refuses", where: "synthetic.jsonl:99" });
        // One article stored before the worker comes (by rasd ingest, say): acknowledged only.
        const store = await openStore({ url: db.url });
        const early = syntheticArticle(5);
        const put = await store.putArticle(
          { text: early.text, published: early.date },
          analyze({ text: early.text, published: early.date }),
        );
        await store.close();

        const lines: string[] = [];
        const worker = await QueueWorker.open({
          url: db.url,
          settings: FAST,
          batch: 4,
          untilEmpty: true,
          pollSeconds: 1,
          log: (line) => lines.push(line),
        });
        let summary: Awaited<ReturnType<QueueWorker["run"]>>;
        try {
          summary = await worker.run();
        } finally {
          await worker.close();
        }
        assert.equal(summary.jobs, total + 1);
        assert.equal(summary.stored, total - 1);
        assert.equal(summary.alreadyStored, 1);
        assert.equal(summary.failed, 1);
        assert.ok(lines.some((l) => /synthetic\.jsonl:99.*refused: input is not Arabic/.test(l)));

        const stored = await derived(db.url);
        assert.equal(Object.keys(stored).length, total);
        assert.ok(stored[put.article_id]);
        for (let n = 0; n < total; n++) {
          const a = syntheticArticle(n);
          const result = analyze({ text: a.text, published: a.date });
          const id = articleIdFor(contentHash(a.text, null));
          assert.equal(
            stored[id],
            `${result.events.length}/${result.claims.length}/${result.entities.length}`,
            `article ${n}`,
          );
        }
        const counts = await queue.counts();
        assert.deepEqual(
          { ...counts },
          {
            created: 0,
            retry: 0,
            active: 0,
            completed: total,
            cancelled: 0,
            failed: 1,
            deadLetters: 1,
          },
        );
        assert.equal(await queue.drained(), true);
        const [failure] = await queue.failures();
        assert.equal(failure?.where, "synthetic.jsonl:99");
        assert.match(failure?.message ?? "", /^refused: input is not Arabic/);
        // Sent round again, it fails again (the text has not changed), and is still visible.
        assert.equal(await queue.retryFailed(), 1);
        assert.equal((await queue.counts()).retry, 1);
      } finally {
        await queue.close();
        await db.drop();
      }
    },
  );
});
