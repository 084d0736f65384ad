/**
 * One event: what happened (the ACLED-style record), who reported it (every report's chain of
 * sources with the reporting verb and its stance), the reports merged into it from several
 * articles, and the evidence: the sentences of each article with the spans behind each field
 * highlighted (the article's text is fetched and cut at the spans' offsets, as text nodes).
 */
import { useEffect, useRef, useState } from "react";
import { type ArticleDetail, api, type EventDetail } from "../lib/api.js";
import { classOf, familyOf } from "../lib/classes.js";
import type { Mark } from "../lib/highlight.js";
import {
  ACLED_FIELD_LABELS,
  CLASS_LABELS,
  count,
  FAMILY_LABELS,
  formatDate,
  type Lang,
  MODE_LABELS,
  num,
  PRECISION_LABELS,
  ROLE_LABELS,
  SOURCE_KIND_LABELS,
  STANCE_LABELS,
  TIME_PRECISION_LABELS,
  t,
  typeLabel,
} from "../lib/i18n.js";
import { EventSymbol } from "./EventSymbol.js";
import { Highlighted } from "./Highlighted.js";

const ACLED_FIELDS = [
  "id",
  "event_date",
  "time_precision",
  "event_type",
  "sub_event_type",
  "actor1",
  "assoc_actor_1",
  "inter1",
  "actor2",
  "assoc_actor_2",
  "inter2",
  "civilian_targeting",
  "country",
  "admin1",
  "admin2",
  "location",
  "latitude",
  "longitude",
  "geo_precision",
  "source",
  "notes",
  "fatalities",
] as const;

const EVIDENCE_ROLES = [
  "trigger",
  "actor1",
  "actor2",
  "assoc_actor",
  "location",
  "date",
  "fatalities",
  "source",
];

export function EventPanel({
  lang,
  id,
  takeFocus = true,
  onClose,
  onOpenArticle,
  onShowDisputes,
}: {
  lang: Lang;
  id: string;
  /** Whether the panel takes the focus when it opens: not while the map's keys step through events. */
  takeFocus?: boolean;
  onClose: () => void;
  onOpenArticle: (id: string) => void;
  onShowDisputes: () => void;
}) {
  const [event, setEvent] = useState<EventDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [articles, setArticles] = useState<Map<string, ArticleDetail>>(new Map());
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    api
      .event(id)
      .then((e) => {
        if (!live) return;
        setEvent(e);
        const ids = [...new Set(e.reports.map((r) => r.article_id))];
        Promise.all(ids.map((a) => api.article(a).catch(() => null))).then((list) => {
          if (!live) return;
          setArticles(
            new Map(list.filter((a): a is ArticleDetail => a !== null).map((a) => [a.id, a])),
          );
        });
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [id]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: decided when the event opens
  useEffect(() => {
    if (event && takeFocus) heading.current?.focus();
  }, [event]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === "Escape") onClose();
  };

  if (error || !event) {
    return (
      <aside
        className="panel"
        aria-label={t(lang, "details")}
        data-testid="event-panel"
        onKeyDown={onKeyDown}
      >
        <div className="panel-head">
          <button type="button" className="close" onClick={onClose} aria-label={t(lang, "close")}>
            ×
          </button>
        </div>
        {error ? (
          <p className="error" role="alert">
            {t(lang, "eventNotFound")} {error}
          </p>
        ) : (
          <p className="loading">{t(lang, "loading")}</p>
        )}
      </aside>
    );
  }

  const cls = classOf(event.event_type, event.sub_event_type);
  const sep = lang === "ar" ? "، " : ", ";
  return (
    <aside
      className="panel"
      aria-labelledby="panel-title"
      data-testid="event-panel"
      data-event-id={event.id}
      onKeyDown={onKeyDown}
    >
      <div className="panel-head">
        <EventSymbol cls={cls} family={familyOf(event.inter1)} size={30} />
        <div className="panel-title-box">
          <h2 id="panel-title" ref={heading} tabIndex={-1}>
            {CLASS_LABELS[cls][lang]}: {typeLabel(lang, event.sub_event_type)}
          </h2>
          <p className="panel-sub">
            <bdi>{[event.location, event.admin1, event.country].filter(Boolean).join(sep)}</bdi> ·{" "}
            <time dateTime={event.event_date ?? undefined}>
              <bdi>{formatDate(lang, event.event_date)}</bdi>
            </time>
          </p>
        </div>
        <button type="button" className="close" onClick={onClose} aria-label={t(lang, "close")}>
          ×
        </button>
      </div>
      <div className="panel-body">
        <ul className="chips">
          <li>
            {t(lang, "fatalities")}: <strong>{num(lang, event.fatalities)}</strong>
          </li>
          <li>
            {t(lang, "confidence")}:{" "}
            <strong>{num(lang, Math.round(event.confidence * 100))}%</strong>
          </li>
          <li>{PRECISION_LABELS[event.geo_precision ?? 0]?.[lang] ?? t(lang, "noLocation")}</li>
          <li>
            {t(lang, "reportsCount", {
              reports: count(lang, "report", event.report_count),
              articles: count(lang, "article", event.article_count, true),
            })}
          </li>
          {event.disputed && (
            <li className="chip-disputed">
              <button type="button" className="link-button" onClick={onShowDisputes}>
                {t(lang, "disputed")}
              </button>
            </li>
          )}
        </ul>

        <section className="panel-section" data-testid="event-sources">
          <h3>{t(lang, "sources")}</h3>
          <ul className="source-list">
            {event.reports.map((r) => {
              const a = r.record.attribution;
              return (
                <li key={r.id} className="source-chain">
                  <ol className="chain">
                    {a.chain.map((link, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a link's place in the chain is what it is
                      <li key={`${link.name}-${i}`}>
                        <span className="source-name" data-testid="source-name">
                          {link.kind === "outlet" && link.name === "unnamed outlet"
                            ? (r.article.outlet ?? link.name)
                            : link.name}
                        </span>{" "}
                        <span className="source-kind">
                          {SOURCE_KIND_LABELS[link.kind]?.[lang] ?? link.kind}
                        </span>
                      </li>
                    ))}
                  </ol>
                  <p className="verb">
                    {t(lang, "verb")}: <strong lang="ar">{a.verb?.lemma ?? "—"}</strong> ·{" "}
                    {t(lang, "stance")}:{" "}
                    <span className={`stance stance-${a.stance}`} data-testid="stance">
                      {STANCE_LABELS[a.stance]?.[lang] ?? a.stance}
                    </span>
                  </p>
                </li>
              );
            })}
          </ul>
        </section>

        <section className="panel-section" data-testid="event-evidence">
          <h3>{t(lang, "evidence")}</h3>
          <ul className="role-key" aria-label={t(lang, "roles")}>
            {EVIDENCE_ROLES.filter((role) => event.evidence.some((e) => e.role === role)).map(
              (role) => (
                <li key={role}>
                  <mark className={`hl hl-${role}`}>{ROLE_LABELS[role]?.[lang] ?? role}</mark>
                </li>
              ),
            )}
          </ul>
          {event.reports.map((r) => {
            const article = articles.get(r.article_id);
            const ev = r.record.evidence;
            const sentences = ev.filter((s) => s.role === "sentence");
            const marks: Mark[] = ev
              .filter((s) => s.role !== "sentence")
              .map((s) => ({ start: s.start, end: s.end, kind: s.role }));
            return (
              <article key={r.id} className="report">
                <header className="report-head">
                  <strong dir="auto">{r.article.title ?? t(lang, "untitled")}</strong>
                  <span>
                    {r.article.outlet && <bdi>{r.article.outlet}</bdi>}
                    {r.article.outlet && " · "}
                    <bdi>{formatDate(lang, r.article.published)}</bdi>
                  </span>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onOpenArticle(r.article_id)}
                  >
                    {t(lang, "openInReader")}
                  </button>
                </header>
                {!article ? (
                  <p className="loading">{t(lang, "loading")}</p>
                ) : (
                  (sentences.length ? sentences : [spanOf(ev)]).map((s) => (
                    <blockquote
                      key={`${s.start}-${s.end}`}
                      className="evidence"
                      lang="ar"
                      dir="rtl"
                    >
                      <Highlighted
                        text={article.text}
                        marks={marks}
                        from={s.start}
                        to={s.end}
                        titleOf={(m) => ROLE_LABELS[m.kind]?.[lang] ?? m.kind}
                      />
                    </blockquote>
                  ))
                )}
              </article>
            );
          })}
        </section>

        {event.reports.length > 1 && (
          <section className="panel-section" data-testid="event-reports">
            <h3>{t(lang, "reports")}</h3>
            <table className="reports-table">
              <thead>
                <tr>
                  <th scope="col">{t(lang, "outlet")}</th>
                  <th scope="col">{t(lang, "date")}</th>
                  <th scope="col">{ACLED_FIELD_LABELS.location?.[lang]}</th>
                  <th scope="col">{t(lang, "fatalities")}</th>
                </tr>
              </thead>
              <tbody>
                {event.reports.map((r) => (
                  <tr key={r.id}>
                    <td>{r.article.outlet ?? "—"}</td>
                    <td>{formatDate(lang, r.record.event_date)}</td>
                    <td>{r.record.location}</td>
                    <td>{num(lang, r.record.fatalities)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}

        {event.claims.length > 0 && (
          <section className="panel-section">
            <h3>{t(lang, "claimsAbout")}</h3>
            <ul className="claims">
              {event.claims.map((c) => (
                <li key={c.id}>
                  <p>
                    <strong>{c.speaker.name ?? SOURCE_KIND_LABELS[c.speaker.kind]?.[lang]}</strong>{" "}
                    <span className={`stance stance-${c.stance}`}>
                      {STANCE_LABELS[c.stance]?.[lang]}
                    </span>{" "}
                    <span className="verb-lemma" lang="ar">
                      ({c.verb.lemma})
                    </span>
                  </p>
                  <q lang="ar" dir="rtl">
                    {c.content_text}
                  </q>
                </li>
              ))}
            </ul>
          </section>
        )}

        {event.disputes.length > 0 && (
          <section className="panel-section">
            <h3>{t(lang, "disputesAbout")}</h3>
            <button type="button" className="button" onClick={onShowDisputes}>
              {t(lang, "viewDisputes")} ({num(lang, event.disputes.length)})
            </button>
          </section>
        )}

        <section className="panel-section">
          <h3>{t(lang, "eventRecord")}</h3>
          <dl className="record" data-testid="event-record">
            {ACLED_FIELDS.map((f) => (
              <div key={f}>
                <dt>{ACLED_FIELD_LABELS[f]?.[lang] ?? f}</dt>
                <dd dir={f === "notes" || f === "source" ? "auto" : undefined}>
                  {fieldValue(lang, event, f)}
                </dd>
              </div>
            ))}
            <div>
              <dt>{t(lang, "mode")}</dt>
              <dd>{MODE_LABELS[event.mode]?.[lang] ?? event.mode}</dd>
            </div>
          </dl>
        </section>
      </div>
    </aside>
  );
}

function spanOf(ev: { start: number; end: number }[]): { start: number; end: number } {
  return {
    start: Math.min(...ev.map((e) => e.start)),
    end: Math.max(...ev.map((e) => e.end)),
  };
}

function fieldValue(lang: Lang, e: EventDetail, f: (typeof ACLED_FIELDS)[number]): string {
  const v = e[f];
  if (v === null || v === undefined || v === "") return "—";
  switch (f) {
    case "event_type":
    case "sub_event_type":
      return lang === "ar" ? `${typeLabel(lang, v as string)} (${v})` : (v as string);
    case "inter1":
    case "inter2":
      return `${v} — ${FAMILY_LABELS[familyOf(v as number)][lang]}`;
    case "time_precision":
      return `${v} — ${TIME_PRECISION_LABELS[v as number]?.[lang] ?? ""}`;
    case "geo_precision":
      return `${v} — ${PRECISION_LABELS[v as number]?.[lang] ?? ""}`;
    case "event_date":
      return v as string;
    case "latitude":
    case "longitude":
      return (v as number).toFixed(5);
    default:
      return String(v);
  }
}
