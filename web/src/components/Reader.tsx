/**
 * The reader: an article with what rasd found in it highlighted (entities, places, dates,
 * figures, event triggers), a colour key that also switches each kind on and off, and for a
 * clicked highlight what rasd made of it and why (gazetteer entry, rule, confidence). The
 * article's text is untrusted and only ever rendered as text nodes.
 */
import { useEffect, useMemo, useState } from "react";
import { type ArticleDetail, type ArticleSummary, api } from "../lib/api.js";
import type { Mark } from "../lib/highlight.js";
import {
  ENTITY_LABELS,
  formatDate,
  type Lang,
  MODE_LABELS,
  num,
  PRECISION_LABELS,
  t,
  typeLabel,
} from "../lib/i18n.js";
import { Highlighted } from "./Highlighted.js";

const KINDS = [
  "event",
  "nonevent",
  "actor",
  "person",
  "organization",
  "source",
  "place",
  "date",
  "quantity",
] as const;
type Kind = (typeof KINDS)[number];

interface Detail {
  kind: Kind;
  rows: [string, string][];
  eventId?: string;
}

export function Reader({
  lang,
  articleId,
  onOpen,
  onSelectEvent,
}: {
  lang: Lang;
  articleId: string | null;
  onOpen: (id: string) => void;
  onSelectEvent: (id: string) => void;
}) {
  const [q, setQ] = useState("");
  const [list, setList] = useState<ArticleSummary[] | null>(null);
  const [article, setArticle] = useState<ArticleDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hidden, setHidden] = useState<Set<Kind>>(new Set(["quantity"]));
  const [picked, setPicked] = useState<Mark<Detail>[] | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the list follows the query only
  useEffect(() => {
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      api
        .articles(q.trim() ? { q: q.trim(), limit: "100" } : { limit: "100" }, ctrl.signal)
        .then((p) => {
          setList(p.items);
          if (!articleId && p.items[0] && !q.trim()) onOpen(p.items[0].id);
        })
        .catch((e: Error) => !ctrl.signal.aborted && setError(e.message));
    }, 200);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q]);

  useEffect(() => {
    setPicked(null);
    if (!articleId) {
      setArticle(null);
      return;
    }
    let live = true;
    api
      .article(articleId)
      .then((a) => live && setArticle(a))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [articleId]);

  const marks = useMemo(() => (article ? marksOf(article, lang) : []), [article, lang]);
  const visible = useMemo(() => marks.filter((m) => !hidden.has(m.kind as Kind)), [marks, hidden]);
  const present = new Set(marks.map((m) => m.kind));

  return (
    <div className="page reader" data-testid="reader">
      <aside className="reader-list" aria-labelledby="reader-list-title">
        <h2 id="reader-list-title">{t(lang, "articles")}</h2>
        <label className="field">
          <span>{t(lang, "searchArticles")}</span>
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            data-testid="reader-search"
          />
        </label>
        {list && list.length === 0 && <p className="empty">{t(lang, "noArticles")}</p>}
        <ul>
          {list?.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className="article-row"
                aria-current={a.id === articleId ? "true" : undefined}
                onClick={() => onOpen(a.id)}
              >
                <strong lang="ar" dir="auto">
                  {a.title ?? `${a.snippet.slice(0, 70).trim()}…`}
                </strong>
                <span>
                  {a.outlet && <bdi>{a.outlet}</bdi>}
                  {a.outlet && " · "}
                  <bdi>{formatDate(lang, a.published)}</bdi>
                </span>
                {q.trim() && (
                  <span className="snippet" lang="ar" dir="auto">
                    {a.snippet}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <section className="reader-main" aria-label={t(lang, "readerTitle")}>
        {error && (
          <p className="error" role="alert">
            {t(lang, "error")}: {error}
          </p>
        )}
        {!article && !error && (
          <p className="empty">{t(lang, articleId ? "loading" : "chooseArticle")}</p>
        )}
        {article && (
          <>
            <fieldset className="hl-key">
              <legend>{t(lang, "highlightLegend")}</legend>
              {KINDS.filter((k) => present.has(k)).map((k) => (
                <label key={k} className="check">
                  <input
                    type="checkbox"
                    checked={!hidden.has(k)}
                    onChange={(e) => {
                      const next = new Set(hidden);
                      if (e.target.checked) next.delete(k);
                      else next.add(k);
                      setHidden(next);
                    }}
                  />
                  <mark className={`hl hl-${k}`}>{ENTITY_LABELS[k]?.[lang] ?? k}</mark>
                </label>
              ))}
            </fieldset>
            <p className="hint">{t(lang, "clickHighlight")}</p>
            <ArticleText article={article} marks={visible} picked={picked} onPick={setPicked} />
          </>
        )}
      </section>
      <aside
        className="reader-detail"
        aria-live="polite"
        aria-label={t(lang, "details")}
        data-testid="reader-detail"
      >
        <h2>{t(lang, "details")}</h2>
        {!picked && <p className="hint">{t(lang, "clickHighlight")}</p>}
        {picked?.map((m) => (
          <div key={`${m.kind}-${m.start}-${m.end}`} className={`detail detail-${m.kind}`}>
            <h3>
              <mark className={`hl hl-${m.kind}`}>{ENTITY_LABELS[m.kind]?.[lang] ?? m.kind}</mark>{" "}
              <q lang="ar">{article?.text.slice(m.start, m.end)}</q>
            </h3>
            <dl>
              {m.data?.rows.map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd dir="auto">{v}</dd>
                </div>
              ))}
            </dl>
            {m.data?.eventId && (
              <button
                type="button"
                className="button"
                onClick={() => onSelectEvent(m.data?.eventId as string)}
              >
                {t(lang, "showOnMap")}
              </button>
            )}
          </div>
        ))}
      </aside>
    </div>
  );
}

function ArticleText({
  article,
  marks,
  picked,
  onPick,
}: {
  article: ArticleDetail;
  marks: Mark<Detail>[];
  picked: Mark<Detail>[] | null;
  onPick: (m: Mark<Detail>[]) => void;
}) {
  const parts = article.annotations.parts.length
    ? article.annotations.parts.filter((p) => p.kind !== "furniture")
    : paragraphs(article.text);
  return (
    <article className="article-text" lang="ar" dir="rtl" data-testid="article-text">
      {parts.map((p) => {
        const body = (
          <Highlighted
            text={article.text}
            marks={marks}
            from={p.start}
            to={p.end}
            onPick={onPick}
            active={picked?.[0] ?? null}
          />
        );
        const key = `${p.kind}-${p.start}`;
        if (p.kind === "title") return <h1 key={key}>{body}</h1>;
        if (p.kind === "dateline")
          return (
            <p key={key} className="dateline">
              {body}
            </p>
          );
        if (p.kind === "caption" || p.kind === "credit")
          return (
            <p key={key} className="caption">
              {body}
            </p>
          );
        return <p key={key}>{body}</p>;
      })}
    </article>
  );
}

function paragraphs(text: string): { kind: string; start: number; end: number }[] {
  const out: { kind: string; start: number; end: number }[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].trim()) out.push({ kind: "body", start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function marksOf(a: ArticleDetail, lang: Lang): Mark<Detail>[] {
  const L = (ar: string, en: string) => (lang === "ar" ? ar : en);
  const out: Mark<Detail>[] = [];
  const pct = (x: number) => `${num(lang, Math.round(x * 100))}%`;
  for (const e of a.entities) {
    const kind = (KINDS as readonly string[]).includes(e.type) ? (e.type as Kind) : "actor";
    const rows: [string, string][] = [
      [L("النوع", "Type"), ENTITY_LABELS[e.type]?.[lang] ?? e.type],
    ];
    if (e.actor_id) rows.push([L("معرّف الطرف", "Actor id"), e.actor_id]);
    if (e.role) rows.push([L("الصفة", "Role"), e.role]);
    if (e.affiliation) rows.push([L("الانتماء", "Affiliation"), e.affiliation]);
    rows.push([L("القاعدة", "Rule"), e.rule], [L("الثقة", "Confidence"), pct(e.confidence)]);
    out.push({ start: e.start, end: e.end, kind, data: { kind, rows } });
  }
  for (const p of a.places) {
    const rows: [string, string][] = [
      [L("الاسم في المعجم", "Gazetteer name"), p.name ?? "—"],
      [L("معرّف المعجم", "Gazetteer id"), p.gazetteer_id ?? "—"],
      [L("الصنف", "Kind"), p.kind ?? "—"],
      [
        L("الإحداثيات", "Coordinates"),
        p.latitude !== null && p.longitude !== null
          ? `${p.latitude.toFixed(4)}, ${p.longitude.toFixed(4)}`
          : "—",
      ],
      [L("التقسيم", "Admin"), [p.admin2, p.admin1, p.country].filter(Boolean).join(", ") || "—"],
      [
        L("دقة الموقع", "Geo precision"),
        p.geo_precision
          ? `${p.geo_precision} — ${PRECISION_LABELS[p.geo_precision]?.[lang] ?? ""}`
          : "—",
      ],
      [L("الطريقة", "Method"), p.method],
      [L("المرشحون", "Candidates"), num(lang, p.candidates)],
      [L("الثقة", "Confidence"), pct(p.confidence)],
    ];
    if (p.within) rows.push([L("ضمن", "Within"), p.within.name]);
    out.push({ start: p.start, end: p.end, kind: "place", data: { kind: "place", rows } });
  }
  for (const d of a.annotations.dates) {
    const rows: [string, string][] = [
      [
        L("التاريخ", "Date"),
        d.end_date && d.end_date !== d.date ? `${d.date} – ${d.end_date}` : (d.date ?? "—"),
      ],
      [L("الدقة", "Precision"), String(d.precision)],
      [L("الأساس", "Basis"), String(d.basis)],
    ];
    out.push({ start: d.start, end: d.end, kind: "date", data: { kind: "date", rows } });
  }
  for (const q of a.annotations.quantities) {
    const rows: [string, string][] = [
      [L("القيمة", "Value"), q.value === null ? "—" : num(lang, q.value)],
      [L("الحد الأدنى", "Min"), q.min === null ? "—" : num(lang, q.min)],
      [L("الوحدة", "Unit"), q.unit ?? "—"],
      [L("تقريبي", "Approximate"), q.approximate ? L("نعم", "yes") : L("لا", "no")],
    ];
    out.push({ start: q.start, end: q.end, kind: "quantity", data: { kind: "quantity", rows } });
  }
  for (const r of a.reports) {
    for (const ev of r.record.evidence) {
      if (ev.role !== "trigger") continue;
      const rows: [string, string][] = [
        [
          L("النوع", "Type"),
          `${typeLabel(lang, r.record.event_type)} / ${typeLabel(lang, r.record.sub_event_type)}`,
        ],
        [L("المكان", "Location"), r.record.location || "—"],
        [L("التاريخ", "Date"), r.record.event_date ?? "—"],
        [L("النمط", "Mode"), MODE_LABELS[r.record.mode]?.[lang] ?? r.record.mode],
        [L("الثقة", "Confidence"), pct(r.record.confidence)],
      ];
      out.push({
        start: ev.start,
        end: ev.end,
        kind: "event",
        data: { kind: "event", rows, eventId: r.event_id },
      });
    }
  }
  for (const n of a.annotations.non_events) {
    for (const ev of n.evidence) {
      if (ev.role !== "trigger") continue;
      const rows: [string, string][] = [
        [L("النوع", "Type"), typeLabel(lang, n.event_type)],
        [L("النمط", "Mode"), MODE_LABELS[n.mode]?.[lang] ?? n.mode],
        [L("المكان", "Location"), n.location || "—"],
      ];
      out.push({
        start: ev.start,
        end: ev.end,
        kind: "nonevent",
        data: { kind: "nonevent", rows },
      });
    }
  }
  return out;
}
