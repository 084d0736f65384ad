/** An event symbol as inline SVG (the map draws the same shapes). */
import { CLASS_PATHS, type EventClass, FAMILY_COLORS, type Family } from "../lib/classes.js";

export function EventSymbol({
  cls,
  family = 0,
  color,
  size = 18,
}: {
  cls: EventClass;
  family?: Family;
  color?: string;
  size?: number;
}) {
  return (
    <svg
      className="symbol"
      width={size}
      height={size}
      viewBox="-2 -2 28 28"
      aria-hidden="true"
      focusable="false"
    >
      <path d={CLASS_PATHS[cls]} fill="none" stroke="#fff" strokeWidth={3} strokeLinejoin="round" />
      <path
        d={CLASS_PATHS[cls]}
        fill={color ?? FAMILY_COLORS[family]}
        fillRule="evenodd"
        stroke="rgba(0,0,0,.55)"
        strokeWidth={0.8}
      />
    </svg>
  );
}
