/**
 * Text with highlighted spans. The text (untrusted: it comes from articles) is only ever put in
 * the page as text nodes, cut into runs at the spans' UTF-16 offsets (lib/highlight.ts); each
 * highlighted run is a <mark> coloured by its innermost span's kind.
 */
import type { ReactNode } from "react";
import { type Mark, runs } from "../lib/highlight.js";

export function Highlighted<T>({
  text,
  marks,
  from = 0,
  to = text.length,
  onPick,
  active,
  titleOf,
}: {
  text: string;
  marks: readonly Mark<T>[];
  from?: number;
  to?: number;
  /** Makes marks clickable (and focusable): called with every span covering the run. */
  onPick?: (marks: Mark<T>[]) => void;
  /** A span to show as picked. */
  active?: Mark<T> | null;
  titleOf?: (m: Mark<T>) => string;
}): ReactNode {
  return runs(text, marks, from, to).map((r) => {
    if (r.marks.length === 0) return r.text;
    const inner = r.marks[0] as Mark<T>;
    const classes = ["hl", `hl-${inner.kind}`];
    for (const m of r.marks.slice(1)) classes.push(`in-${m.kind}`);
    if (active && r.marks.includes(active)) classes.push("hl-active");
    const title = titleOf ? r.marks.map(titleOf).filter(Boolean).join(" · ") : undefined;
    if (!onPick) {
      return (
        <mark key={r.start} className={classes.join(" ")} title={title} data-kind={inner.kind}>
          {r.text}
        </mark>
      );
    }
    return (
      // biome-ignore lint/a11y/useSemanticElements: an inline highlight wraps with the text; a <button> cannot break across lines
      <span
        key={r.start}
        className={classes.join(" ")}
        title={title}
        data-kind={inner.kind}
        role="button"
        tabIndex={0}
        onClick={() => onPick(r.marks)}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            onPick(r.marks);
          }
        }}
      >
        {r.text}
      </span>
    );
  });
}
