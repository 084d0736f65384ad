/** The map's key: shapes by event type, colours by actor family, precision halos, arrows. */
import { useEffect, useState } from "react";
import { EVENT_CLASSES, FAMILIES, FAMILY_COLORS } from "../lib/classes.js";
import { CLASS_LABELS, FAMILY_LABELS, type Lang, PRECISION_LABELS, t } from "../lib/i18n.js";
import { EventSymbol } from "./EventSymbol.js";

export function Legend({ lang }: { lang: Lang }) {
  const [open, setOpen] = useState(() => {
    try {
      return localStorage.getItem("rasd-legend") === "open";
    } catch {
      return false;
    }
  });
  useEffect(() => {
    try {
      localStorage.setItem("rasd-legend", open ? "open" : "closed");
    } catch {}
  }, [open]);
  return (
    <div className="legend" data-testid="legend">
      <button
        type="button"
        className="legend-toggle"
        aria-expanded={open}
        data-testid="legend-toggle"
        onClick={() => setOpen((o) => !o)}
      >
        {t(lang, "legend")}
      </button>
      {open && (
        <div className="legend-body">
          <p className="legend-help">{t(lang, "mapHelp")}</p>
          <h3>{t(lang, "legendShapes")}</h3>
          <ul className="legend-list">
            {EVENT_CLASSES.map((c) => (
              <li key={c}>
                <EventSymbol cls={c} color="#555" size={16} />
                {CLASS_LABELS[c][lang]}
              </li>
            ))}
          </ul>
          <h3>{t(lang, "legendColors")}</h3>
          <ul className="legend-list">
            {FAMILIES.map((f) => (
              <li key={f}>
                <span className="swatch" style={{ background: FAMILY_COLORS[f] }} />
                {FAMILY_LABELS[f][lang]}
              </li>
            ))}
          </ul>
          <h3>{t(lang, "legendPrecision")}</h3>
          <ul className="legend-list">
            <li>
              <span className="halo halo-1" />
              {PRECISION_LABELS[1]?.[lang]}
            </li>
            <li>
              <span className="halo halo-2" />
              {PRECISION_LABELS[2]?.[lang]}
            </li>
            <li>
              <span className="halo halo-3" />
              {PRECISION_LABELS[3]?.[lang]}
            </li>
            <li>
              <span className="disputed-key" aria-hidden="true" />
              {t(lang, "disputed")}
            </li>
            <li>
              <span className="arrow-key" aria-hidden="true">
                ⟶
              </span>
              {t(lang, "legendArrow")}
            </li>
          </ul>
        </div>
      )}
    </div>
  );
}
