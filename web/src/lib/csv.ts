/** CSV pages from the API, joined into one file. Pure, no DOM. */

/** CSV records (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
export function csvRecords(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i] as string;
    if (quoted) {
      if (c === '"') {
        if (csv[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && csv[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** Joins CSV pages (each with its header) into one file, keeping the rows `keep` accepts by id. */
export function joinCsvPages(pages: string[], keep: ((id: string) => boolean) | null): string {
  let header: string[] | null = null;
  const out: string[] = [];
  for (const page of pages) {
    const records = csvRecords(page);
    const head = records.shift();
    if (!head) continue;
    if (!header) {
      header = head;
      out.push(head.map(csvCell).join(","));
    }
    const idAt = head.indexOf("event_id_cnty");
    for (const r of records) {
      if (r.length === 1 && r[0] === "") continue;
      if (keep && idAt >= 0 && !keep(r[idAt] ?? "")) continue;
      out.push(r.map(csvCell).join(","));
    }
  }
  return out.length ? `${out.join("\r\n")}\r\n` : "";
}
