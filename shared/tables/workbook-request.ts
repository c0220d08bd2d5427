// The request a workbook makes: the schools of the data table, with the config and year of its
// SQII Config sheet (api.md "Inputs"), and a config or year given apart (the command line's
// --config and --year) over those. Problems come back each at its cell: the data's at the data's
// cells, the config's at the config sheet's, whether they were found while reading or by the engine.
import { mergePatches } from "../contract/config.js";
import { describeValue } from "../contract/requests.js";
import type { Problem } from "../core/problems.js";
import type { CellProblem, LocatedProblem } from "./cells.js";
import type { ConfigSheetRead } from "./config-sheet.js";
import type { TableRead, TableRequest } from "./school-table.js";

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
  const dataYear = table.request.year;
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
    return [...table.cellProblems(data), ...sheetProblems, ...apart];
  };
  return { request, problems };
}

/** What a run's config was made of, for the results' header block: `sheet SQII Config + c.json`. */
export function configSource(sheet: ConfigSheetRead | null, apart?: string): string {
  return [sheet ? `sheet ${sheet.sheet}` : "default (no SQII Config sheet)", ...(apart ? [apart] : [])].join(" + ");
}
