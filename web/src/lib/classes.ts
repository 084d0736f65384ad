/**
 * What the map draws: each event's symbol class (from its ACLED type and sub-type) and its actor
 * family (ACLED's inter code of actor1), with their shapes and colours. Pure data, no DOM.
 */

export const EVENT_CLASSES = [
  "battle",
  "airstrike",
  "shelling",
  "explosive",
  "civilians",
  "displacement",
  "protest",
  "strategic",
] as const;
export type EventClass = (typeof EVENT_CLASSES)[number];

/** ACLED (and rasd's Displacement) types and sub-types, by class. */
export const CLASS_TYPES: Record<EventClass, { type: string; subTypes: string[] }[]> = {
  battle: [
    {
      type: "Battles",
      subTypes: [
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
      ],
    },
  ],
  airstrike: [{ type: "Explosions/Remote violence", subTypes: ["Air/drone strike"] }],
  shelling: [
    { type: "Explosions/Remote violence", subTypes: ["Shelling/artillery/missile attack"] },
  ],
  explosive: [
    {
      type: "Explosions/Remote violence",
      subTypes: ["Remote explosive/landmine/IED", "Suicide bomb", "Grenade"],
    },
  ],
  civilians: [
    {
      type: "Violence against civilians",
      subTypes: ["Attack", "Abduction/forced disappearance", "Sexual violence"],
    },
  ],
  displacement: [
    {
      type: "Displacement",
      subTypes: ["Flight", "Forced displacement", "Evacuation", "Return", "Displacement camp"],
    },
  ],
  protest: [
    { type: "Protests", subTypes: ["Peaceful protest", "Protest with intervention"] },
    { type: "Riots", subTypes: ["Violent demonstration", "Mob violence"] },
  ],
  strategic: [
    {
      type: "Strategic developments",
      subTypes: [
        "Arrests",
        "Looting/property destruction",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Agreement",
        "Change to group/activity",
        "Non-violent transfer of territory",
      ],
    },
  ],
};

export function classOf(eventType: string, subType: string): EventClass {
  switch (eventType) {
    case "Battles":
      return "battle";
    case "Explosions/Remote violence":
      if (subType === "Air/drone strike") return "airstrike";
      if (subType === "Shelling/artillery/missile attack") return "shelling";
      return "explosive";
    case "Violence against civilians":
      return "civilians";
    case "Displacement":
      return "displacement";
    case "Protests":
    case "Riots":
      return "protest";
    default:
      return "strategic";
  }
}

/** Classes that are part of an ACLED type rather than a whole one. */
const PARTIAL: ReadonlySet<EventClass> = new Set(["airstrike", "shelling", "explosive"]);

/**
 * The /api/events parameters that select these classes. The API ANDs `type` and `sub_type`, so
 * either whole types are listed (when every class chosen is a whole type), or every sub-type of
 * the classes chosen.
 */
export function classParams(classes: readonly EventClass[]): {
  type?: string[];
  sub_type?: string[];
} {
  if (classes.length === 0 || classes.length === EVENT_CLASSES.length) return {};
  if (classes.some((c) => PARTIAL.has(c))) {
    return { sub_type: classes.flatMap((c) => CLASS_TYPES[c].flatMap((t) => t.subTypes)) };
  }
  return { type: classes.flatMap((c) => CLASS_TYPES[c].map((t) => t.type)) };
}

/** Symbol outlines in a 24×24 box, as SVG path data (also drawn on canvas through Path2D). */
export const CLASS_PATHS: Record<EventClass, string> = {
  // A circle with crossed lines: fighting.
  battle:
    "M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20z M7.8 6.4 12 10.6l4.2-4.2 1.4 1.4-4.2 4.2 4.2 4.2-1.4 1.4-4.2-4.2-4.2 4.2-1.4-1.4 4.2-4.2-4.2-4.2z",
  // A triangle pointing down: from the air.
  airstrike: "M2.5 4h19L12 21z",
  // A diamond.
  shelling: "M12 1.5 22.5 12 12 22.5 1.5 12z",
  // An eight-pointed burst.
  explosive:
    "M12 1l2.6 5.4 5.7-2.1-2.1 5.7L23 12l-4.8 2.6 2.1 5.7-5.7-2.1L12 23l-2.6-4.8-5.7 2.1 2.1-5.7L1 12l4.8-2.6-2.1-5.7 5.7 2.1z",
  // A square.
  civilians: "M3.5 3.5h17v17h-17z",
  // An arrow.
  displacement: "M2 8.5h11V3l9 9-9 9v-5.5H2z",
  // A triangle pointing up.
  protest: "M12 2.5 22 20.5H2z",
  // A ring.
  strategic: "M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20zm0 5a5 5 0 1 1 0 10a5 5 0 1 1 0-10z",
};

/** Colours of the classes on the timeline (the map colours symbols by actor family instead). */
export const CLASS_COLORS: Record<EventClass, string> = {
  battle: "#b2182b",
  airstrike: "#5e3c99",
  shelling: "#e66101",
  explosive: "#8c510a",
  civilians: "#c51b7d",
  displacement: "#2166ac",
  protest: "#1b7837",
  strategic: "#6b6b6b",
};

/** ACLED inter codes (actor families), 0 for none. */
export const FAMILIES = [1, 2, 3, 4, 5, 6, 7, 8, 0] as const;
export type Family = (typeof FAMILIES)[number];

/** Colour of each actor family: distinct, and readable on the pale basemap beside white. */
export const FAMILY_COLORS: Record<Family, string> = {
  1: "#1f5fa8", // state forces
  2: "#c0392b", // rebel groups (the Islamic State is coded here)
  3: "#7b3fb0", // political militias
  4: "#a35d00", // identity militias
  5: "#5b6b12", // rioters
  6: "#127a70", // protesters
  7: "#3d3d3d", // civilians
  8: "#0b7a3e", // external and other forces
  0: "#6e6e6e", // unknown
};

export function familyOf(inter: number | null | undefined): Family {
  return inter !== null && inter !== undefined && inter >= 1 && inter <= 8 ? (inter as Family) : 0;
}

/** Symbol size factor from the reported fatalities (1 for none, up to 2.2). */
export function sizeForFatalities(n: number): number {
  if (!(n > 0)) return 1;
  return Math.min(2.2, 1 + Math.log10(1 + n) * 0.55);
}
