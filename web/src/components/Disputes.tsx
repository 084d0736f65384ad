/**
 * The disputes board: every open disagreement, its sides side by side, each with who claims what,
 * when, with which reporting verb and stance, and links to the events and places it concerns.
 */
import { useEffect, useState } from "react";
import {
  api,
  type EventDetail,
  type PlaceCount,
  type StoredClaim,
  type StoredDispute,
} from "../lib/api.js";
import { classOf } from "../lib/classes.js";
import {
  CLASS_LABELS,
  formatDate,
  type Lang,
  num,
  SOURCE_KIND_LABELS,
  STANCE_LABELS,
  TOPIC_LABELS,
  t,
} from "../lib/i18n.js";

interface Loaded {
  disputes: StoredDispute[];
  claims: Map<string, StoredClaim>;
  events: Map<string, EventDetail>;
  places: Map<string, PlaceCount>;
}

export function Disputes({
  lang,
  onSelectEvent,
  onOpenArticle,
}: {
  lang: Lang;
  onSelectEvent: (id: string) => void;
  onOpenArticle: (id: string) => void;
}) {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    (async () => {
      const disputes = await api.disputes(ctrl.signal);
      const articleIds = [
        ...new Set(disputes.map((d) => d.article_id).filter((a): a is string => !!a)),
      ];
      const eventIds = [
        ...new Set(disputes.flatMap((d) => [...d.event_ids, ...(d.event_id ? [d.event_id] : [])])),
      ];
      const [claimPages, events, places] = await Promise.all([
        Promise.all(articleIds.map((a) => api.claimsOfArticle(a))),
        Promise.all(eventIds.map((e) => api.event(e).catch(() => null))),
        api.places().catch(() => [] as PlaceCount[]),
      ]);
      if (ctrl.signal.aborted) return;
      setData({
        disputes,
        claims: new Map(claimPages.flatMap((p) => p.items).map((c) => [c.id, c])),
        events: new Map(events.filter((e): e is EventDetail => e !== null).map((e) => [e.id, e])),
        places: new Map(places.map((p) => [p.id, p])),
      });
    })().catch((e: Error) => !ctrl.signal.aborted && setError(e.message));
    return () => ctrl.abort();
  }, []);

  return (
    <div className="page disputes" data-testid="disputes">
      <h1>{t(lang, "disputesTitle")}</h1>
      <p className="intro">{t(lang, "disputesIntro")}</p>
      {error && (
        <p className="error" role="alert">
          {t(lang, "error")}: {error}
        </p>
      )}
      {!data && !error && <p className="loading">{t(lang, "loading")}</p>}
      {data && data.disputes.length === 0 && <p className="empty">{t(lang, "noDisputes")}</p>}
      {data?.disputes.map((d) => (
        <DisputeCard
          key={d.id}
          lang={lang}
          dispute={d}
          data={data}
          onSelectEvent={onSelectEvent}
          onOpenArticle={onOpenArticle}
        />
      ))}
    </div>
  );
}

function DisputeCard({
  lang,
  dispute: d,
  data,
  onSelectEvent,
  onOpenArticle,
}: {
  lang: Lang;
  dispute: StoredDispute;
  data: Loaded;
  onSelectEvent: (id: string) => void;
  onOpenArticle: (id: string) => void;
}) {
  const claimsOf = (ids: string[]) =>
    ids.map((id) => data.claims.get(id)).filter((c): c is StoredClaim => !!c);
  const sideClaims = d.sides.map((s) => claimsOf(s.claim_ids));
  const topicKey =
    d.kind === "fatalities" ? "fatalities" : (sideClaims.flat()[0]?.topic ?? "other");
  const speakers = sideClaims.map((cs) =>
    [...new Set(cs.map((c) => c.speaker.name ?? c.speaker.kind))].join(
      lang === "ar" ? " و" : " & ",
    ),
  );
  const eventIds = [...new Set([...d.event_ids, ...(d.event_id ? [d.event_id] : [])])];
  const title =
    d.kind === "fatalities"
      ? t(lang, "tollDispute")
      : t(lang, "disputeAbout", { topic: TOPIC_LABELS[topicKey]?.[lang] ?? topicKey });

  return (
    <article className="dispute" data-testid="dispute" aria-labelledby={`${d.id}-title`}>
      <header>
        <h2 id={`${d.id}-title`}>{title}</h2>
        {speakers.some(Boolean) && (
          <p className="dispute-who" data-testid="dispute-who">
            {speakers.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: sides are positional
              <span key={`${i}-${s}`}>
                {i > 0 && <span className="versus"> {t(lang, "versus")} </span>}
                <strong>{s}</strong>
              </span>
            ))}
          </p>
        )}
      </header>
      <div className="sides">
        {d.sides.map((side, i) => {
          const claims = sideClaims[i] ?? [];
          const corroborating = claimsOf(
            d.corroborations.filter((c) => c.side === i).map((c) => c.claim_id),
          );
          return (
            <section
              key={`${side.position}|${side.value}|${side.claim_ids.join(",")}|${side.report_ids.join(",")}`}
              className={`side side-${i % 2}`}
              aria-label={t(lang, "side", { n: i + 1 })}
            >
              <h3>{t(lang, "side", { n: i + 1 })}</h3>
              {side.value !== null && (
                <p className="side-value">
                  {t(lang, "value")}: <strong>{num(lang, side.value)}</strong>
                </p>
              )}
              {claims.length === 0 && side.position && (
                <blockquote lang="ar" dir="rtl">
                  {side.position}
                </blockquote>
              )}
              <ul className="claims">
                {claims.map((c) => (
                  <ClaimItem key={c.id} lang={lang} claim={c} />
                ))}
              </ul>
              {corroborating.length > 0 && (
                <>
                  <h4>{t(lang, "corroboratedBy")}</h4>
                  <ul className="claims corroborating">
                    {corroborating.map((c) => (
                      <ClaimItem key={c.id} lang={lang} claim={c} />
                    ))}
                  </ul>
                </>
              )}
              {side.report_ids.length > 0 && (
                <ul className="side-reports">
                  {side.report_ids.map((rid) => {
                    const r = [...data.events.values()]
                      .flatMap((e) => e.reports)
                      .find((x) => x.id === rid);
                    return (
                      <li key={rid}>
                        {r
                          ? `${r.article.outlet ?? r.article.title ?? r.article_id} · ${formatDate(lang, r.article.published)}`
                          : rid}
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
          );
        })}
      </div>
      <footer className="dispute-links">
        {eventIds.length > 0 && (
          <div>
            <span className="label">{t(lang, "relatedEvents")}:</span>
            {eventIds.map((id) => {
              const e = data.events.get(id);
              const label = e
                ? `${CLASS_LABELS[classOf(e.event_type, e.sub_event_type)][lang]} — ${e.location} · ${formatDate(lang, e.event_date)}`
                : id;
              return (
                <button
                  key={id}
                  type="button"
                  className="link-button"
                  onClick={() => onSelectEvent(id)}
                >
                  {label}
                </button>
              );
            })}
          </div>
        )}
        {d.place_ids.length > 0 && (
          <div>
            <span className="label">{t(lang, "relatedPlaces")}:</span>
            {d.place_ids.map((p) => (
              <span key={p} className="place-chip">
                {data.places.get(p)?.name ?? p}
              </span>
            ))}
          </div>
        )}
        {d.article_id && (
          <div>
            <button
              type="button"
              className="link-button"
              onClick={() => onOpenArticle(d.article_id as string)}
            >
              {t(lang, "openInReader")}
            </button>
          </div>
        )}
      </footer>
    </article>
  );
}

function ClaimItem({ lang, claim: c }: { lang: Lang; claim: StoredClaim }) {
  return (
    <li className="claim" data-testid="claim">
      <p className="claim-who">
        <strong>{c.speaker.name ?? "—"}</strong>{" "}
        <span className="source-kind">
          {SOURCE_KIND_LABELS[c.speaker.kind]?.[lang] ?? c.speaker.kind}
        </span>
      </p>
      <p className="claim-how">
        <span className={`stance stance-${c.stance}`}>
          {STANCE_LABELS[c.stance]?.[lang] ?? c.stance}
        </span>{" "}
        <bdi lang="ar">«{c.verb.lemma}»</bdi>
        {c.date && (
          <>
            {" · "}
            <time dateTime={c.date}>
              <bdi>{formatDate(lang, c.date)}</bdi>
            </time>
          </>
        )}
      </p>
      <blockquote lang="ar" dir="rtl">
        {c.content_text}
      </blockquote>
    </li>
  );
}
