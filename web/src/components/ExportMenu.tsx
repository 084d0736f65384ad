/**
 * Export the current filter (ACLED CSV, GeoJSON, JSON) and copy a link that restores the view.
 */
import { useEffect, useRef, useState } from "react";
import { type ExportFormat, exportEvents } from "../lib/export.js";
import { type Lang, t } from "../lib/i18n.js";

export function ExportMenu({
  lang,
  params,
  keep,
}: {
  lang: Lang;
  params: URLSearchParams;
  keep: ((id: string) => boolean) | null;
}) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  // The menu closes on a click elsewhere or Escape.
  useEffect(() => {
    const close = (e: Event) => {
      const d = menu.current;
      if (!d?.open) return;
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !d.contains(e.target as Node)) {
        d.open = false;
      }
    };
    document.addEventListener("pointerdown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("keydown", close);
    };
  }, []);
  const run = async (format: ExportFormat) => {
    setBusy(format);
    setNote(null);
    try {
      const file = await exportEvents(params, format, keep);
      const url = URL.createObjectURL(new Blob([file.body], { type: file.type }));
      const a = document.createElement("a");
      a.href = url;
      a.download = file.name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      if (menu.current) menu.current.open = false;
    } catch (e) {
      setNote(`${t(lang, "error")}: ${(e as Error).message}`);
    } finally {
      setBusy(null);
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      setNote(t(lang, "linkCopied"));
    } catch {
      setNote(location.href);
    }
    setTimeout(() => setNote(null), 2500);
  };
  return (
    <div className="export" data-testid="export">
      <details ref={menu}>
        <summary>{t(lang, "export")}</summary>
        <div className="export-menu">
          {(
            [
              ["acled-csv", "exportCsv"],
              ["geojson", "exportGeojson"],
              ["json", "exportJson"],
            ] as const
          ).map(([format, label]) => (
            <button
              key={format}
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() => run(format)}
              data-testid={`export-${format}`}
            >
              {busy === format ? t(lang, "exporting") : t(lang, label)}
            </button>
          ))}
          <button type="button" className="button" onClick={copy}>
            {t(lang, "copyLink")}
          </button>
        </div>
      </details>
      {note && (
        <span className="export-note" role="status">
          {note}
        </span>
      )}
    </div>
  );
}
