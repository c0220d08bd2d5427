// The request a workbook makes: the schools of the data table, with the config and year of its
// SQII Config sheet (api.md "Inputs"), and a config or year given apart (the command line's
// --config and --year) over those. Problems come back each at its cell: the data's at the data's
// cells, the config's at the config sheet's, whether they were found while reading or by the engine.
// Both doors read a workbook's data through readWorkbookData, so the year that picks the rows
// scored (methodology §13: the year scored and the year before) is decided in one place.
import { mergePatches } from "../contract/config.js";
import { describeValue } from "../contract/requests.js";
import type { Problem } from "../core/problems.js";
import type { CellProblem, LocatedProblem } from "./cells.js";
import type { ConfigSheetRead } from "./config-sheet.js";
import { type WithHistory, withHistorySheet } from "./history-merge.js";
import type { SheetValues } from "./input-sheets.js";
import { type GivenYear, readTable, type TableRead, type TableRequest } from "./school-table.js";

/** The year the workbook scores when it is set apart from the data: `year` given apart (--year), else SQII Config's. */
export function givenYear(sheet: ConfigSheetRead | null, year?: number): GivenYear | undefined {
  if (year !== undefined) return { value: year, from: "--year" };
  if (sheet?.year === undefined) return undefined;
  const cell = sheet.locate("year");
  return { value: sheet.year, from: `set in ${cell ?? sheet.sheet}` };
}

/**
 * The workbook's school data as both doors read it: the data table, whose Year column's rows of
 * the year the workbook scores (SQII Config's `year`, or `year` given apart; else the column's
 * latest) are the schools and those of the year before their prior year; then SQII History,
 * when there is one, merged in as each school's history.
 */
export function readWorkbookData(data: SheetValues, history: SheetValues | null, sheet: ConfigSheetRead | null, year?: number): WithHistory {
  const given = givenYear(sheet, year);
  const read = readTable(data.values, data, { ...(data.numberFormats && { numberFormats: data.numberFormats }), ...(given && { year: given }) });
  return withHistorySheet(read, history, year ?? sheet?.year ?? read.request.year);
}

export interface WorkbookConfig {
  /** The SQII Config sheet as read, or null when the workbook has none: the default config. */
  sheet: ConfigSheetRead | null;
  /** A config patch given apart (the command line's --config), merged over the sheet's. */
  extra?: unknown;
  /** A year given apart (--year), over the sheet's and the data's. */
  year?: number;
  /**
   * The data is a reference (base) year for norm cut points: it is not scored, so no year is sent
   * and the data's year need not agree with the sheet's (the year the workbook scores).
   */
  reference?: boolean;
}

export interface WorkbookRequest {
  request: TableRequest & { config?: unknown };
  /**
   * The reading problems of the data and of the config sheet, then `engineProblems` (from parsing
   * the request, or an API's 400) at their cells. The config's own are the sheet's: the engine's
   * repeat of them is left out. Problems of a config given apart have no cell (their path says where).
   */
  problems(engineProblems?: readonly Problem[]): LocatedProblem[];
}

export function workbookRequest(table: TableRead, { sheet, extra, year, reference = false }: WorkbookConfig): WorkbookRequest {
  const { year: _dataYear, ...schools } = table.request;
  const request: WorkbookRequest["request"] = reference ? schools : { ...table.request };
  const config = mergePatches(sheet?.patch, extra);
  if (config !== undefined) request.config = config;
  const own: CellProblem[] = [...(sheet?.problems ?? [])];
  const ownApart: LocatedProblem[] = [];
  const dataYear = table.request.year;
  const years = table.years;
  // Given apart, the year relabels a table of one year; a table of two scores its later year with the earlier as the prior.
  if (!reference && year !== undefined && years?.prior !== undefined && year !== years.scored) {
    const where = table.locate("year");
    ownApart.push({
      path: "year",
      message: `--year ${year} is not the year the data scores: its Year column${where ? ` (${where})` : ""} holds ${years.prior} and ${years.scored}, the later scored with the earlier as its prior year; leave --year out, or make it ${years.scored}`,
    });
  }
  if (!reference && sheet?.year !== undefined && dataYear !== undefined && sheet.year !== dataYear && year === undefined) {
    const where = table.locate("year");
    own.push({
      path: "year",
      cell: sheet.locate("year")!,
      message: `year ${sheet.year} differs from the data's Year ${describeValue(dataYear)}${where ? ` in ${where}` : ""}: make them agree, or leave this one blank`,
    });
  }
  const chosen = year ?? sheet?.year ?? dataYear;
  if (chosen !== undefined && !reference) request.year = chosen;

  const problems = (engineProblems: readonly Problem[] = []) => {
    const data: Problem[] = [];
    const apart: LocatedProblem[] = [];
    const sheetProblems = [...own];
    for (const problem of engineProblems) {
      const isConfig = problem.path === "config" || problem.path.startsWith("config.") || problem.path.startsWith("config[");
      if (isConfig) {
        // With no config given apart, every config problem is the sheet's and was read there.
        if (extra !== undefined) apart.push(problem);
      } else if (problem.path === "year" && year !== undefined) apart.push(problem);
      else if (problem.path === "year" && sheet?.year !== undefined) {
        if (!sheetProblems.some((p) => p.path === "year")) sheetProblems.push({ ...problem, cell: sheet.locate("year")! });
      } else data.push(problem);
    }
    return [...table.cellProblems(data), ...sheetProblems, ...ownApart, ...apart];
  };
  return { request, problems };
}

/** What a run's config was made of, for the results' header block: `sheet SQII Config + c.json`. */
export function configSource(sheet: ConfigSheetRead | null, apart?: string): string {
  return [sheet ? `sheet ${sheet.sheet}` : "default (no SQII Config sheet)", ...(apart ? [apart] : [])].join(" + ");
}
