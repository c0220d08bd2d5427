// What a scoring run writes into the workbook: SQII Results (one row per school) and SQII
// Subgroups (school × group), each with a header block that traces the numbers to their rules and
// source, and the colours analysts scan for: bands and designations.
import type { ScoreResponse } from "../shared/contract/responses.js";
import { resultsTable, subgroupsTable } from "../shared/tables/school-table.js";
import type { SheetContent } from "./sheet-writer.js";

export const RESULTS_SHEET = "SQII Results";
export const SUBGROUPS_SHEET = "SQII Subgroups";

/** Fill colours (Office's light palette) for the labels resultsTable writes. */
export const HIGHLIGHTS = {
  Band: { "Below average": "#F8CBAD", Average: "#FFF2CC", "Above average": "#C6EFCE" },
  Designation: { Priority: "#F8CBAD", Focus: "#FFE699", Reward: "#C6EFCE" },
} as const;

/** Scores to one decimal as the methodology reports them; levels whole; means two decimals. */
export const NUMBER_FORMATS = {
  "Index Score": "0.0",
  "Index Level": "0",
  Academic: "0.00",
  "SE/CC": "0.00",
  Gap: "0.00",
  "Years in Status": "0",
} as const;

export interface Run {
  /** Where the schools came from: `Data!A1:R2001`, or a file name. */
  source: string;
  at: Date;
  /** `local` (the bundled engine) or the API's URL. */
  engine: string;
}

/** The lines that trace a sheet to the exact rules and data that made it. */
export function traceInfo(response: { methodologyVersion: string; configHash: string }, at: Date, source: string): SheetContent["info"] {
  return [
    ["Methodology version", response.methodologyVersion],
    ["Config hash", response.configHash],
    ["Scored at", at.toISOString()],
    ["Source", source],
  ];
}

function info(response: ScoreResponse, run: Run): SheetContent["info"] {
  const { schools, scored, unscored } = response.summary;
  return [...traceInfo(response, run.at, run.source), ["Engine", run.engine], ["Schools", `${schools} sent, ${scored} scored, ${unscored} unscored`]];
}

export function resultSheets(response: ScoreResponse, run: Run): SheetContent[] {
  const header = info(response, run);
  return [
    { sheet: RESULTS_SHEET, tableName: "SQIIResults", info: header, table: resultsTable(response), highlights: HIGHLIGHTS, numberFormats: NUMBER_FORMATS },
    // No number formats here: one entry per cell for ~14 rows a school would be a request of its own.
    { sheet: SUBGROUPS_SHEET, tableName: "SQIISubgroups", info: header, table: subgroupsTable(response) },
  ];
}
