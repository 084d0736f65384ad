/**
 * Export of the current filter as ACLED CSV, GeoJSON or JSON. The server writes every format
 * (/api/events?format=…), a page at a time: the pages are fetched and joined. Filters the server
 * does not know (text, source kind) are applied to the rows by event id.
 */
import { getToken, PAGE_LIMIT, type StoredEvent } from "./api.js";
import { joinCsvPages } from "./csv.js";

export type ExportFormat = "acled-csv" | "geojson" | "json";

async function fetchPage(url: string): Promise<Response> {
  const res = await fetch(
    url,
    getToken() ? { headers: { Authorization: `Bearer ${getToken()}` } } : {},
  );
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  return res;
}

/**
 * The file for the filter: its body, media type and name. `keep` (by event id) applies the
 * page's own filters; null keeps every row the server gives.
 */
export async function exportEvents(
  params: URLSearchParams,
  format: ExportFormat,
  keep: ((id: string) => boolean) | null,
  onProgress?: (rows: number) => void,
): Promise<{ body: string; type: string; name: string }> {
  let cursor: string | null = null;
  const csvPages: string[] = [];
  const features: unknown[] = [];
  const items: StoredEvent[] = [];
  let rows = 0;
  do {
    const p = new URLSearchParams(params);
    p.set("format", format);
    p.set("limit", String(PAGE_LIMIT));
    if (cursor) p.set("cursor", cursor);
    const res = await fetchPage(`/api/events?${p}`);
    if (format === "acled-csv") {
      csvPages.push(await res.text());
      cursor = res.headers.get("X-Next-Cursor");
      rows += PAGE_LIMIT;
    } else if (format === "geojson") {
      const fc = (await res.json()) as { features: { id: string }[]; next_cursor: string | null };
      const kept = keep ? fc.features.filter((f) => keep(f.id)) : fc.features;
      features.push(...kept);
      rows = features.length;
      cursor = fc.next_cursor;
    } else {
      const page = (await res.json()) as { items: StoredEvent[]; next_cursor: string | null };
      items.push(...(keep ? page.items.filter((e) => keep(e.id)) : page.items));
      rows = items.length;
      cursor = page.next_cursor;
    }
    onProgress?.(rows);
  } while (cursor);
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === "acled-csv") {
    return {
      body: joinCsvPages(csvPages, keep),
      type: "text/csv;charset=utf-8",
      name: `rasd-events-${stamp}.csv`,
    };
  }
  if (format === "geojson") {
    return {
      body: JSON.stringify({ type: "FeatureCollection", features }),
      type: "application/geo+json",
      name: `rasd-events-${stamp}.geojson`,
    };
  }
  return {
    body: JSON.stringify({ items }, null, 1),
    type: "application/json",
    name: `rasd-events-${stamp}.json`,
  };
}
