// The workbook's optional input sheets (api.md "Workbook contract › Inputs"): SQII Config, SQII
// History and SQII Evaluation Config, found by name with or without the "SQII " prefix, case,
// spaces and punctuation aside. Each door hands their values over as a SheetValues; the readers of
// each sheet live beside this module.
import { squash, type TablePlace } from "./cells.js";

export const INPUT_SHEETS = {
  config: "SQII Config",
  history: "SQII History",
  evaluationConfig: "SQII Evaluation Config",
} as const;

export type InputSheet = keyof typeof INPUT_SHEETS;

/** A sheet's used range, as Excel's range.values gives it, with where it sits. */
export interface SheetValues extends TablePlace {
  values: unknown[][];
  /** Number formats of the same cells, when the host has them (percent cells are scaled). */
  numberFormats?: unknown[][];
}

/** Whether a sheet's name is one of the input sheets: "SQII Config", "Config", "sqii_config". */
export function isInputSheetName(name: string, which: InputSheet): boolean {
  const wanted = squash(INPUT_SHEETS[which]);
  const given = squash(name);
  return given === wanted || `sqii${given}` === wanted;
}

/** Any of the product's own sheets (inputs and outputs start with "SQII "): never the school data. */
export function isProductSheetName(name: string): boolean {
  return /^sqii\s/i.test(name.trim());
}

/** The first of `names` that is the input sheet, or undefined. */
export function findInputSheet(names: readonly string[], which: InputSheet): string | undefined {
  return names.find((name) => isInputSheetName(name, which));
}
