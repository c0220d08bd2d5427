// The vocabulary of the SQII Config sheet (api.md "Workbook contract › Inputs › SQII Config"): the
// scalar settings of the `Setting | Value` block by config path, with how a cell becomes each and a
// short "About"; the names an indicator or a school level answers to; and each setting's bounds,
// read off the zod schema so that the sheet's data validation can never disagree with the engine.
import * as z from "zod";
import { type Config, ConfigSchema, ScoreRequestSchema } from "../contract/requests.js";
import { INDICATOR_INFO, INDICATORS, type Indicator, SCHOOL_LEVELS, type SchoolLevel, TITLE1_STATUSES } from "../core/model.js";
import { cellText, numberIn, squash } from "./cells.js";
import { type Conversion, converted, refused } from "./columns.js";
import { FIELD_LABELS, fieldOfHeader } from "./school-columns.js";

/** How a Value cell is read: a number, a share (a fraction, or text such as "5%"), TRUE/FALSE, a list of Title I statuses, a year. */
export type SettingKind = "number" | "share" | "boolean" | "pool" | "year";

export interface SettingSpec {
  /** The config path the Setting cell names (`designation.priorityShare`); `year` is the request's year. */
  path: string;
  kind: SettingKind;
  /** The sheet's short "About" text. */
  about: string;
}

/** In api.md's order, which is also the order the sheet is written in. */
export const SETTINGS: readonly SettingSpec[] = [
  { path: "year", kind: "year", about: "The year scored (2014 is 2013–14). Blank: the data's Year column." },
  { path: "minN", kind: "number", about: "A student group is accountable with at least this many students." },
  { path: "subgroupShare", kind: "share", about: "Share of an indicator's level from the accountable subgroups (0.5 = 50%)." },
  { path: "suppressBelow", kind: "number", about: "Groups with fewer students are flagged suppressed and never published." },
  { path: "allowMissingDomain", kind: "boolean", about: "TRUE: score a school even when a whole domain has no indicator." },
  { path: "domainWeights.academic", kind: "number", about: "Weight of the academic domain (0 leaves it out)." },
  { path: "domainWeights.secc", kind: "number", about: "Weight of the social-emotional and culture-climate domain." },
  { path: "spedReference", kind: "number", about: "The SpEd identification rate distances are measured from." },
  { path: "gapLevels", kind: "number", about: "A group this many levels below All Students gets the gap flag." },
  { path: "designation.pool", kind: "pool", about: "Title I statuses that can be designated, comma-separated: participating, eligible, none." },
  { path: "designation.priorityShare", kind: "share", about: "Share of the pool designated Priority (0.05 = 5%)." },
  { path: "designation.focusShare", kind: "share", about: "Share of the pool designated Focus." },
  { path: "designation.rewardShare", kind: "share", about: "Share of the pool designated Reward." },
  { path: "designation.progressShare", kind: "share", about: "Share of the pool that counts as most improved for Reward." },
  { path: "designation.gradRateFloor", kind: "number", about: "Graduation rate below which a high school is Priority or Focus." },
  { path: "partnerCapacity", kind: "number", about: "The most partner schools one Reward school takes." },
  { path: "partnerMinLevel", kind: "number", about: "Academic level a Reward school needs in the partner's group." },
  { path: "previousMinN", kind: "number", about: "The former n-size, for the newly accountable counts." },
];

// A setting answers to its path and, when no other setting shares it, its last part ("priorityShare").
const SETTING_BY_NAME = new Map<string, SettingSpec>();
for (const spec of SETTINGS) {
  const leaf = spec.path.split(".").at(-1)!;
  SETTING_BY_NAME.set(squash(spec.path), spec);
  if (SETTINGS.filter((s) => s.path.endsWith(`.${leaf}`) || s.path === leaf).length === 1) SETTING_BY_NAME.set(squash(leaf), spec);
}

export function settingOfName(name: string): SettingSpec | undefined {
  return SETTING_BY_NAME.get(squash(name));
}

/** The value a config holds for a setting path (`designation.pool` → ["participating"]). */
export function settingValue(config: Config, path: string): unknown {
  return path.split(".").reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], config);
}

/** Where a setting lands in a config patch: `designation.focusShare` → patch.designation.focusShare. */
export function setSetting(patch: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let at = patch;
  for (const key of keys.slice(0, -1)) {
    if (at[key] === undefined) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys.at(-1)!] = value;
}

// ---------------------------------------------------------------- Value cells

const TITLE1_BY_NAME = new Map(TITLE1_STATUSES.map((s) => [squash(s), s]));
const TRUE_FALSE = new Map([
  ["true", true],
  ["yes", true],
  ["y", true],
  ["1", true],
  ["false", false],
  ["no", false],
  ["n", false],
  ["0", false],
]);

/** A Value cell as its setting takes it. Ranges are the schema's to check; this only reads. */
export function convertSetting(kind: SettingKind, cell: unknown): Conversion {
  switch (kind) {
    case "number": {
      const value = numberIn(cell, false);
      return value === undefined ? refused(cell, "a number") : converted(value);
    }
    case "share": {
      // A share is a fraction. A percent-formatted cell already holds the fraction (5% is 0.05);
      // only text typed with a percent sign needs dividing.
      const percent = typeof cell === "string" && /%\s*$/.test(cell);
      const value = numberIn(cell, percent);
      if (value === undefined) return refused(cell, "a share (a fraction such as 0.05, or 5%)");
      return converted(percent ? Number((value / 100).toPrecision(15)) : value);
    }
    case "boolean": {
      const value = typeof cell === "boolean" ? cell : TRUE_FALSE.get(squash(cellText(cell)));
      return value === undefined ? refused(cell, "TRUE or FALSE") : converted(value);
    }
    case "pool": {
      const names = cellText(cell)
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
      const unknown = names.find((name) => !TITLE1_BY_NAME.has(squash(name)));
      if (unknown !== undefined) return { ok: false, message: `${JSON.stringify(unknown)} is not a Title I status (${TITLE1_STATUSES.join(", ")})` };
      return converted(names.map((name) => TITLE1_BY_NAME.get(squash(name))!));
    }
    case "year": {
      const value = numberIn(cell, false);
      return value === undefined ? refused(cell, "a year") : converted(value);
    }
  }
}

/** The text a Value cell is written with: numbers and TRUE/FALSE as they are, the pool comma-separated. */
export function settingCell(kind: SettingKind, value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (kind === "pool") return (value as string[]).join(", ");
  return value as number | boolean;
}

// ---------------------------------------------------------------- bounds, from the schema

export interface Bounds {
  min: number;
  max: number;
  whole: boolean;
}

function leafSchema(path: string): z.ZodType | undefined {
  if (path === "year") return ScoreRequestSchema.shape.year;
  let at: z.ZodType | undefined = ConfigSchema;
  for (const key of path.split(".")) at = at instanceof z.ZodObject ? (at.shape as Record<string, z.ZodType>)[key] : undefined;
  return at;
}

/** A number setting's range as the schema checks it, or undefined for one that is not a number. */
export function settingBounds(path: string): Bounds | undefined {
  let schema = leafSchema(path);
  while (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) schema = schema.unwrap() as z.ZodType;
  if (!(schema instanceof z.ZodNumber)) return undefined;
  return { min: schema.minValue ?? -Number.MAX_VALUE, max: schema.maxValue ?? Number.MAX_VALUE, whole: schema.isInt };
}

// ---------------------------------------------------------------- indicators and levels by name

/** How the sheet writes an indicator: its Data header ("Chronic Absence"). */
export const INDICATOR_LABELS = Object.fromEntries(INDICATORS.map((code) => [code, FIELD_LABELS[code]])) as Record<Indicator, string>;

const INDICATOR_NAMES = new Map<string, Indicator>(INDICATORS.flatMap((code) => [[squash(INDICATOR_INFO[code].name), code] as const]));

/** An indicator by its code, its Data header or one of that header's synonyms, or the methodology's name. */
export function indicatorOfName(name: string): Indicator | undefined {
  const field = fieldOfHeader(name);
  if (field !== undefined && (INDICATORS as readonly string[]).includes(field)) return field as Indicator;
  return INDICATOR_NAMES.get(squash(name));
}

/** How the sheet writes a school level: "Elementary". */
export const LEVEL_LABELS = Object.fromEntries(SCHOOL_LEVELS.map((level) => [level, level.charAt(0).toUpperCase() + level.slice(1)])) as Record<
  SchoolLevel,
  string
>;

export function levelOfName(name: string): SchoolLevel | undefined {
  return SCHOOL_LEVELS.find((level) => squash(level) === squash(name));
}

/**
 * The range of the numbers under a config key whose values are per code (`cutPoints`, `targets`,
 * `indicatorWeights`), from the schema: through an object's first field or a record's values, a
 * list's elements and optional wrappers, down to the number. Undefined when the schema has none.
 */
export function valueBounds(key: "cutPoints" | "targets" | "indicatorWeights"): Bounds | undefined {
  type Part = {
    shape?: Record<string, Part>;
    valueType?: Part;
    element?: Part;
    unwrap?: () => Part;
    minValue?: number | null;
    maxValue?: number | null;
    isInt?: boolean;
  };
  let at: Part | undefined = (ConfigSchema.shape as Record<string, Part>)[key];
  for (let depth = 0; at && depth < 8 && typeof at.minValue !== "number"; depth++) {
    const next: Part | undefined = at.unwrap ? at.unwrap() : (at.element ?? at.valueType ?? (at.shape ? Object.values(at.shape)[0] : undefined));
    at = next;
  }
  if (!at || typeof at.minValue !== "number") return undefined;
  return { min: at.minValue, max: at.maxValue ?? Number.MAX_VALUE, whole: at.isInt === true };
}
