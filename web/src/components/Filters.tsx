/**
 * The filters: dates, event types, actor, country and province, source kinds, disputed only,
 * minimum confidence and text. Each control is labelled; changes apply at once (the text after a
 * short pause) and go into the URL.
 */
import { useEffect, useId, useState } from "react";
import { EVENT_CLASSES, type EventClass } from "../lib/classes.js";
import type { Catalog } from "../lib/hooks.js";
import { CLASS_LABELS, type Lang, num, SOURCE_KIND_LABELS, t } from "../lib/i18n.js";
import type { Filters } from "../lib/state.js";
import { EventSymbol } from "./EventSymbol.js";

export function FiltersPanel({
  lang,
  filters,
  onChange,
  onReset,
  catalog,
}: {
  lang: Lang;
  filters: Filters;
  onChange: (patch: Partial<Filters>) => void;
  onReset: () => void;
  catalog: Catalog;
}) {
  const id = useId();
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);
  useEffect(() => {
    if (q === filters.q) return;
    const timer = setTimeout(() => onChange({ q }), 250);
    return () => clearTimeout(timer);
  }, [q, filters.q, onChange]);

  const toggleClass = (c: EventClass, on: boolean) => {
    const all = filters.classes.length === 0 ? [...EVENT_CLASSES] : filters.classes;
    const next = on ? [...new Set([...all, c])] : all.filter((x) => x !== c);
    onChange({ classes: next.length === EVENT_CLASSES.length ? [] : next });
  };
  const classOn = (c: EventClass) => filters.classes.length === 0 || filters.classes.includes(c);
  const countries = [...catalog.regions.keys()];
  if (filters.country && !countries.includes(filters.country)) countries.push(filters.country);
  const regions = filters.country ? (catalog.regions.get(filters.country) ?? []) : [];
  const actors = catalog.actors.map((a) => a.name);
  if (filters.actor && !actors.includes(filters.actor)) actors.unshift(filters.actor);

  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()} data-testid="filters">
      <div className="filters-head">
        <h2>{t(lang, "filters")}</h2>
        <button type="button" className="link-button" onClick={onReset}>
          {t(lang, "clearFilters")}
        </button>
      </div>
      <label className="field" htmlFor={`${id}-q`}>
        <span>{t(lang, "search")}</span>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          placeholder={t(lang, "searchPlaceholder")}
          onChange={(e) => setQ(e.target.value)}
          data-testid="filter-q"
        />
      </label>
      <div className="field-row">
        <label className="field" htmlFor={`${id}-from`}>
          <span>{t(lang, "dateFrom")}</span>
          <input
            id={`${id}-from`}
            type="date"
            value={filters.from ?? ""}
            max={filters.to ?? undefined}
            onChange={(e) => onChange({ from: e.target.value || null })}
            data-testid="filter-from"
          />
        </label>
        <label className="field" htmlFor={`${id}-to`}>
          <span>{t(lang, "dateTo")}</span>
          <input
            id={`${id}-to`}
            type="date"
            value={filters.to ?? ""}
            min={filters.from ?? undefined}
            onChange={(e) => onChange({ to: e.target.value || null })}
            data-testid="filter-to"
          />
        </label>
      </div>
      <fieldset className="field types">
        <legend>{t(lang, "eventTypes")}</legend>
        <div className="type-grid">
          {EVENT_CLASSES.map((c) => (
            <label key={c} className="check">
              <input
                type="checkbox"
                checked={classOn(c)}
                onChange={(e) => toggleClass(c, e.target.checked)}
                data-testid={`filter-type-${c}`}
              />
              <EventSymbol cls={c} color="#4a4f57" size={15} />
              <span>{CLASS_LABELS[c][lang]}</span>
            </label>
          ))}
        </div>
        <div className="type-actions">
          <button type="button" className="link-button" onClick={() => onChange({ classes: [] })}>
            {t(lang, "all")}
          </button>
        </div>
      </fieldset>
      <label className="field" htmlFor={`${id}-actor`}>
        <span>{t(lang, "actor")}</span>
        <select
          id={`${id}-actor`}
          value={filters.actor ?? ""}
          onChange={(e) => onChange({ actor: e.target.value || null })}
          data-testid="filter-actor"
        >
          <option value="">{t(lang, "anyActor")}</option>
          {actors.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <div className="field-row">
        <label className="field" htmlFor={`${id}-country`}>
          <span>{t(lang, "country")}</span>
          <select
            id={`${id}-country`}
            value={filters.country ?? ""}
            onChange={(e) => onChange({ country: e.target.value || null, admin1: null })}
            data-testid="filter-country"
          >
            <option value="">{t(lang, "anyCountry")}</option>
            {countries.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-admin1`}>
          <span>{t(lang, "admin1")}</span>
          <select
            id={`${id}-admin1`}
            value={filters.admin1 ?? ""}
            disabled={!filters.country}
            onChange={(e) => onChange({ admin1: e.target.value || null })}
            data-testid="filter-admin1"
          >
            <option value="">{t(lang, "anyAdmin1")}</option>
            {regions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
      </div>
      {catalog.kinds.length > 0 && (
        <fieldset className="field kinds">
          <legend>{t(lang, "sourceKinds")}</legend>
          <div className="kind-grid">
            {catalog.kinds.map((k) => (
              <label key={k} className="check">
                <input
                  type="checkbox"
                  checked={filters.sourceKinds.includes(k)}
                  onChange={(e) =>
                    onChange({
                      sourceKinds: e.target.checked
                        ? [...filters.sourceKinds, k]
                        : filters.sourceKinds.filter((x) => x !== k),
                    })
                  }
                />
                <span>{SOURCE_KIND_LABELS[k]?.[lang] ?? k}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div className="field-row">
        <label className="check">
          <input
            type="checkbox"
            checked={filters.disputed}
            onChange={(e) => onChange({ disputed: e.target.checked })}
            data-testid="filter-disputed"
          />
          <span>{t(lang, "onlyDisputed")}</span>
        </label>
      </div>
      <label className="field" htmlFor={`${id}-conf`}>
        <span>
          {t(lang, "minConfidence")}: <output>{num(lang, filters.minConfidence, 2)}</output>
        </span>
        <input
          id={`${id}-conf`}
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={filters.minConfidence}
          onChange={(e) => onChange({ minConfidence: Number(e.target.value) })}
          data-testid="filter-confidence"
        />
      </label>
    </form>
  );
}
