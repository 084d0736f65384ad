/**
 * Add news: paste an article, upload HTML, text or JSONL files (one article a line:
 * {text, title?, date?, source?, url?}), or subscribe to a feed. Each article is posted to
 * /api/articles, analysed and stored; progress is shown while it runs.
 */
import { useEffect, useId, useState } from "react";
import { ApiError, api, type Feed, getToken, type PostedArticle, setToken } from "../lib/api.js";
import { count, formatDate, type Lang, num, t } from "../lib/i18n.js";

type Tab = "paste" | "upload" | "feeds";

export function AddNews({
  lang,
  onStored,
  onOpenArticle,
  onShowEvents,
}: {
  lang: Lang;
  onStored: () => void;
  onOpenArticle: (id: string) => void;
  onShowEvents: () => void;
}) {
  const [tab, setTab] = useState<Tab>("paste");
  const [token, setTok] = useState(getToken() ?? "");
  const id = useId();
  return (
    <div className="page add" data-testid="add-news">
      <h1>{t(lang, "addTitle")}</h1>
      <div role="tablist" className="subtabs" aria-label={t(lang, "addTitle")}>
        {(["paste", "upload", "feeds"] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`${id}-${k}`}
            aria-selected={tab === k}
            aria-controls={`${id}-${k}-panel`}
            onClick={() => setTab(k)}
          >
            {t(lang, k === "paste" ? "pasteText" : k === "upload" ? "upload" : "feeds")}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-${tab}-panel`} aria-labelledby={`${id}-${tab}`}>
        {tab === "paste" && (
          <PasteForm
            lang={lang}
            onStored={onStored}
            onOpenArticle={onOpenArticle}
            onShowEvents={onShowEvents}
          />
        )}
        {tab === "upload" && <Upload lang={lang} onStored={onStored} />}
        {tab === "feeds" && <Feeds lang={lang} />}
      </div>
      <details className="token">
        <summary>{t(lang, "token")}</summary>
        <input
          type="password"
          value={token}
          autoComplete="off"
          aria-label={t(lang, "token")}
          onChange={(e) => {
            setTok(e.target.value);
            setToken(e.target.value);
          }}
        />
      </details>
    </div>
  );
}

function message(e: unknown): string {
  if (e instanceof ApiError) {
    const params =
      (e.problem?.["invalid-params"] as { name: string; reason: string }[] | undefined) ?? [];
    return [e.message, ...params.map((p) => `${p.name}: ${p.reason}`)].join(" — ");
  }
  return (e as Error).message ?? String(e);
}

function PasteForm({
  lang,
  onStored,
  onOpenArticle,
  onShowEvents,
}: {
  lang: Lang;
  onStored: () => void;
  onOpenArticle: (id: string) => void;
  onShowEvents: () => void;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [title, setTitle] = useState("");
  const [outlet, setOutlet] = useState("");
  const [published, setPublished] = useState("");
  const [url, setUrl] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PostedArticle | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const body: Record<string, string> = {};
      if (text.trim()) body.text = text;
      if (url.trim()) body.url = url.trim();
      if (title.trim()) body.title = title.trim();
      if (outlet.trim()) body.outlet = outlet.trim();
      if (published) body.published = published;
      const r = await api.postArticle(body);
      setResult(r);
      onStored();
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} aria-busy={busy}>
      <label className="field" htmlFor={`${id}-text`}>
        <span>{t(lang, "articleText")}</span>
        <textarea
          id={`${id}-text`}
          lang="ar"
          dir="rtl"
          rows={12}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="paste-text"
        />
      </label>
      <div className="field-row">
        <label className="field" htmlFor={`${id}-title`}>
          <span>{t(lang, "title")}</span>
          <input
            id={`${id}-title`}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            dir="auto"
          />
        </label>
        <label className="field" htmlFor={`${id}-outlet`}>
          <span>{t(lang, "outlet")}</span>
          <input
            id={`${id}-outlet`}
            value={outlet}
            onChange={(e) => setOutlet(e.target.value)}
            dir="auto"
          />
        </label>
      </div>
      <div className="field-row">
        <label className="field" htmlFor={`${id}-date`}>
          <span>{t(lang, "date")}</span>
          <input
            id={`${id}-date`}
            type="date"
            value={published}
            onChange={(e) => setPublished(e.target.value)}
          />
        </label>
        <label className="field" htmlFor={`${id}-url`}>
          <span>{t(lang, "url")}</span>
          <input
            id={`${id}-url`}
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            dir="ltr"
          />
        </label>
      </div>
      <button
        type="submit"
        className="button primary"
        disabled={busy || (!text.trim() && !url.trim())}
      >
        {busy ? t(lang, "analysing") : t(lang, "analyse")}
      </button>
      {busy && <progress aria-label={t(lang, "analysing")} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div className="result" role="status">
          <p>
            {result.created
              ? t(lang, "stored", { events: count(lang, "event", result.event_ids.length) })
              : t(lang, "alreadyStored")}
          </p>
          <button
            type="button"
            className="link-button"
            onClick={() => onOpenArticle(result.article.id)}
          >
            {t(lang, "readIt")}
          </button>{" "}
          <button type="button" className="link-button" onClick={onShowEvents}>
            {t(lang, "openEvents")}
          </button>
        </div>
      )}
    </form>
  );
}

interface Job {
  name: string;
  body: Record<string, string>;
}

async function jobsOf(files: FileList): Promise<{ jobs: Job[]; bad: string[] }> {
  const jobs: Job[] = [];
  const bad: string[] = [];
  for (const f of Array.from(files)) {
    const content = await f.text();
    if (/\.jsonl$/i.test(f.name)) {
      content.split(/\r?\n/).forEach((line, i) => {
        if (!line.trim()) return;
        try {
          const o = JSON.parse(line) as Record<string, unknown>;
          const body: Record<string, string> = {};
          if (typeof o.text === "string") body.text = o.text;
          if (typeof o.html === "string") body.html = o.html;
          if (typeof o.title === "string") body.title = o.title;
          if (typeof o.url === "string") body.url = o.url;
          const date =
            typeof o.date === "string"
              ? o.date
              : typeof o.published === "string"
                ? o.published
                : null;
          if (date) body.published = date.slice(0, 10);
          const outlet =
            typeof o.source === "string"
              ? o.source
              : typeof o.outlet === "string"
                ? o.outlet
                : null;
          if (outlet) body.outlet = outlet;
          if (!body.text && !body.html) throw new Error("no text");
          jobs.push({ name: `${f.name}:${i + 1}`, body });
        } catch {
          bad.push(`${f.name}:${i + 1}`);
        }
      });
    } else if (/\.html?$/i.test(f.name)) {
      jobs.push({ name: f.name, body: { html: content } });
    } else {
      jobs.push({ name: f.name, body: { text: content } });
    }
  }
  return { jobs, bad };
}

function Upload({ lang, onStored }: { lang: Lang; onStored: () => void }) {
  const id = useId();
  const [state, setState] = useState<{
    done: number;
    total: number;
    errors: string[];
    events: number;
  } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setBusy(true);
    const { jobs, bad } = await jobsOf(files);
    const s = { done: 0, total: jobs.length, errors: bad.map((b) => `${b}: JSON`), events: 0 };
    setState({ ...s });
    for (const job of jobs) {
      try {
        const r = await api.postArticle(job.body);
        s.events += r.event_ids.length;
      } catch (e) {
        s.errors.push(`${job.name}: ${message(e)}`);
      }
      s.done++;
      setState({ ...s, errors: [...s.errors] });
    }
    setBusy(false);
    onStored();
  };
  return (
    <div className="form">
      <label className="field" htmlFor={`${id}-files`}>
        <span>{t(lang, "chooseFiles")}</span>
        <input
          id={`${id}-files`}
          type="file"
          multiple
          accept=".html,.htm,.txt,.jsonl,text/html,text/plain"
          disabled={busy}
          onChange={(e) => run(e.target.files)}
        />
      </label>
      {state && (
        <div role="status" aria-live="polite">
          <progress max={Math.max(1, state.total)} value={state.done} />
          <p>
            {t(lang, "uploadProgress", {
              done: state.done,
              total: state.total,
              errors: state.errors.length,
            })}{" "}
            · {count(lang, "event", state.events)}
          </p>
          {state.errors.length > 0 && (
            <ul className="errors">
              {state.errors.slice(0, 50).map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

function Feeds({ lang }: { lang: Lang }) {
  const id = useId();
  const [feeds, setFeeds] = useState<Feed[] | null>(null);
  const [url, setUrl] = useState("");
  const [outlet, setOutlet] = useState("");
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api
      .feeds()
      .then(setFeeds)
      .catch((e) => setError(message(e)));
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once
  useEffect(() => {
    load();
  }, []);
  return (
    <div className="form">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            await api.addFeed({
              url: url.trim(),
              ...(outlet.trim() ? { outlet: outlet.trim() } : {}),
            });
            setUrl("");
            setOutlet("");
            load();
          } catch (err) {
            setError(message(err));
          }
        }}
      >
        <div className="field-row">
          <label className="field" htmlFor={`${id}-url`}>
            <span>{t(lang, "feedUrl")}</span>
            <input
              id={`${id}-url`}
              type="url"
              required
              dir="ltr"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          </label>
          <label className="field" htmlFor={`${id}-outlet`}>
            <span>{t(lang, "outlet")}</span>
            <input
              id={`${id}-outlet`}
              dir="auto"
              value={outlet}
              onChange={(e) => setOutlet(e.target.value)}
            />
          </label>
        </div>
        <button type="submit" className="button primary">
          {t(lang, "addFeed")}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {feeds && feeds.length === 0 && <p className="empty">{t(lang, "noFeeds")}</p>}
      {feeds && feeds.length > 0 && (
        <ul className="feeds">
          {feeds.map((f) => (
            <li key={f.id}>
              <span dir="ltr" className="feed-url">
                {f.url}
              </span>
              <span>{f.outlet ?? f.title ?? ""}</span>
              <span>
                {t(lang, "lastPoll")}:{" "}
                {f.last_polled_at
                  ? `${formatDate(lang, f.last_polled_at)} (${f.last_status ?? "—"})`
                  : t(lang, "never")}
                {f.error_count > 0 &&
                  ` · ${num(lang, f.error_count)} ${t(lang, "error")}: ${f.last_error ?? ""}`}
              </span>
              <button
                type="button"
                className="link-button"
                onClick={async () => {
                  try {
                    await api.removeFeed(f.id);
                    load();
                  } catch (e) {
                    setError(message(e));
                  }
                }}
              >
                {t(lang, "removeFeed")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
