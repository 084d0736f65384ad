/**
 * The map's images, drawn on demand on a canvas when MapLibre asks for one it does not have
 * (`setMissingStyleImageResolver`): event symbols (shape by class, colour by actor family), cluster badges
 * with their count, the arrowhead of displacement flows, and text labels.
 *
 * Labels are images rather than MapLibre text because MapLibre draws text from glyph tiles
 * (PBF), which would have to be generated and shipped for Arabic, and shaped by its RTL plugin.
 * The browser shapes Arabic correctly on a canvas with the bundled Noto Sans Arabic, and
 * MapLibre still places the images and hides those that collide.
 */
import { CLASS_PATHS, type EventClass, FAMILY_COLORS, type Family } from "../lib/classes.js";

export const FONT_FAMILY = '"Noto Sans Arabic", "Noto Sans", system-ui, sans-serif';

/** Drawn at this multiple of the device pixel ratio, so symbols scaled up stay sharp. */
const OVERSAMPLE = 2;

export interface DrawnImage {
  data: ImageData;
  pixelRatio: number;
}

function canvas(w: number, h: number): CanvasRenderingContext2D {
  const c = document.createElement("canvas");
  c.width = Math.max(1, Math.ceil(w));
  c.height = Math.max(1, Math.ceil(h));
  const ctx = c.getContext("2d");
  if (!ctx) throw new Error("no 2D canvas");
  return ctx;
}

const ratio = () => Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));

/** The symbol of an event: `ev:<class>:<family>:<disputed 0|1>`, 24 CSS pixels square. */
export function eventImage(cls: EventClass, family: Family, disputed: boolean): DrawnImage {
  const pr = ratio() * OVERSAMPLE;
  const size = 28; // 24 and room for the outline
  const ctx = canvas(size * pr, size * pr);
  ctx.scale(pr, pr);
  ctx.translate(2, 2);
  const path = new Path2D(CLASS_PATHS[cls]);
  ctx.lineJoin = "round";
  ctx.strokeStyle = "#ffffff";
  ctx.lineWidth = 3;
  ctx.stroke(path);
  ctx.fillStyle = FAMILY_COLORS[family];
  ctx.fill(path, "evenodd");
  ctx.lineWidth = 0.8;
  ctx.strokeStyle = "rgba(0,0,0,0.55)";
  ctx.stroke(path);
  if (disputed) {
    // A small amber badge at the top corner: sources disagree.
    ctx.beginPath();
    ctx.arc(21, 3, 4.2, 0, Math.PI * 2);
    ctx.fillStyle = "#f2a900";
    ctx.fill();
    ctx.lineWidth = 1.4;
    ctx.strokeStyle = "#1a1a1a";
    ctx.stroke();
  }
  return { data: ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height), pixelRatio: pr };
}

/** A cluster badge: `cl:<count as abbreviated>`. */
export function clusterImage(label: string): DrawnImage {
  const pr = ratio();
  const n = Number.parseFloat(label) * (label.endsWith("k") ? 1000 : 1);
  const d = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52;
  const size = d + 4;
  const ctx = canvas(size * pr, size * pr);
  ctx.scale(pr, pr);
  ctx.beginPath();
  ctx.arc(size / 2, size / 2, d / 2, 0, Math.PI * 2);
  ctx.fillStyle = "rgba(28, 44, 66, 0.88)";
  ctx.fill();
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = "#ffffff";
  ctx.stroke();
  ctx.fillStyle = "#ffffff";
  ctx.font = `700 ${d < 36 ? 13 : 14}px ${FONT_FAMILY}`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.direction = "ltr";
  ctx.fillText(label, size / 2, size / 2 + 1);
  return { data: ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height), pixelRatio: pr };
}

/** The head of a displacement arrow, pointing up (rotated by the map). */
export function arrowheadImage(): DrawnImage {
  const pr = ratio();
  const size = 18;
  const ctx = canvas(size * pr, size * pr);
  ctx.scale(pr, pr);
  ctx.beginPath();
  ctx.moveTo(9, 1.5);
  ctx.lineTo(16.5, 16);
  ctx.lineTo(9, 12.5);
  ctx.lineTo(1.5, 16);
  ctx.closePath();
  ctx.lineJoin = "round";
  ctx.lineWidth = 2;
  ctx.strokeStyle = "#ffffff";
  ctx.stroke();
  ctx.fillStyle = "#1d4f91";
  ctx.fill();
  return { data: ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height), pixelRatio: pr };
}

/** The ring around the selected event (drawn for a 24-pixel symbol). */
export function selectedRingImage(): DrawnImage {
  const pr = ratio() * OVERSAMPLE;
  const size = 40;
  const ctx = canvas(size * pr, size * pr);
  ctx.scale(pr, pr);
  ctx.beginPath();
  ctx.arc(size / 2, size / 2, 17, 0, Math.PI * 2);
  ctx.fillStyle = "rgba(242,169,0,0.30)";
  ctx.fill();
  ctx.lineWidth = 4;
  ctx.strokeStyle = "#ffffff";
  ctx.stroke();
  ctx.lineWidth = 2.2;
  ctx.strokeStyle = "#111111";
  ctx.stroke();
  return { data: ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height), pixelRatio: pr };
}

export type LabelKind = "country" | "region" | "place" | "capital" | "village";

const LABEL_STYLE: Record<
  LabelKind,
  { size: number; weight: number; color: string; halo: string }
> = {
  country: { size: 14, weight: 700, color: "#4a4f57", halo: "rgba(247,245,240,0.95)" },
  region: { size: 11.5, weight: 600, color: "#6d5f49", halo: "rgba(247,245,240,0.9)" },
  place: { size: 12, weight: 400, color: "#2b2f36", halo: "rgba(255,255,255,0.95)" },
  capital: { size: 13, weight: 700, color: "#1f232a", halo: "rgba(255,255,255,0.95)" },
  village: { size: 11, weight: 400, color: "#3a3f47", halo: "rgba(255,255,255,0.95)" },
};

const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;

/** A text label: `lbl:<kind>:<text>`. */
export function labelImage(kind: LabelKind, text: string): DrawnImage {
  const pr = ratio();
  const s = LABEL_STYLE[kind];
  const font = `${s.weight} ${s.size}px ${FONT_FAMILY}`;
  const measure = canvas(1, 1);
  measure.font = font;
  const w = Math.ceil(measure.measureText(text).width) + 8;
  const h = Math.ceil(s.size * 1.9);
  const ctx = canvas(w * pr, h * pr);
  ctx.scale(pr, pr);
  ctx.font = font;
  ctx.direction = RTL.test(text) ? "rtl" : "ltr";
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.lineJoin = "round";
  ctx.lineWidth = 3.5;
  ctx.strokeStyle = s.halo;
  ctx.strokeText(text, w / 2, h / 2);
  ctx.fillStyle = s.color;
  ctx.fillText(text, w / 2, h / 2);
  return { data: ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height), pixelRatio: pr };
}

/** The image for a missing id, or null when the id is not one of ours. */
export function imageFor(id: string): DrawnImage | null {
  if (id.startsWith("ev:")) {
    const [, cls, fam, d] = id.split(":");
    return eventImage(cls as EventClass, Number(fam) as Family, d === "1");
  }
  if (id.startsWith("cl:")) return clusterImage(id.slice(3));
  if (id === "arrowhead") return arrowheadImage();
  if (id === "selected-ring") return selectedRingImage();
  if (id.startsWith("lbl:")) {
    const rest = id.slice(4);
    const at = rest.indexOf(":");
    return labelImage(rest.slice(0, at) as LabelKind, rest.slice(at + 1));
  }
  return null;
}

/** A small inline SVG path for the list and legend (same shapes as the map). */
export function symbolPath(cls: EventClass): string {
  return CLASS_PATHS[cls];
}
