// `npm run sample`: the checked-in example consortium (examples/core-sample.json and .xlsx), most
// schools with their prior year (the xlsx: a Year column, the rows of 2014 then those of 2013).
// `npm run sample -- --statewide`: a 10,000-school request for the benchmark (tmp/, not committed);
// with `--prior`, the same schools each with a prior year, in tmp/statewide-prior.json.
import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { ScoreRequest } from "../../shared/contract/requests.js";
import { workbookSheets } from "../../shared/reports/history-sheets.js";
import {
  countGroupRows,
  formatRequestJson,
  generateConsortium,
  SAMPLE_OPTIONS,
  STATEWIDE_JSON,
  STATEWIDE_OPTIONS,
  STATEWIDE_PRIOR_JSON,
  STATEWIDE_PRIOR_OPTIONS,
} from "../../shared/samples/consortium.js";

const EXAMPLE_JSON = "examples/core-sample.json";
const EXAMPLE_XLSX = "examples/core-sample.xlsx";

async function writeText(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

async function report(path: string, request: ScoreRequest): Promise<void> {
  const { size } = await stat(path);
  console.log(
    `${path}: ${size.toLocaleString("en-US")} bytes, ${request.schools.length.toLocaleString("en-US")} schools, ${countGroupRows(request).toLocaleString("en-US")} school × group rows`,
  );
}

async function makeExample(): Promise<void> {
  const request = generateConsortium(SAMPLE_OPTIONS);
  await writeText(EXAMPLE_JSON, formatRequestJson(request));
  await report(EXAMPLE_JSON, request);
  // Loaded here, not at the top: the statewide run has no workbook and need not load ExcelJS.
  const { writeWorkbook } = await import("../cli/xlsx-writer.js");
  // History in SQII History, as the template and the docs have it, not as JSON in a Data cell.
  await writeWorkbook(EXAMPLE_XLSX, workbookSheets(request));
  await report(EXAMPLE_XLSX, request);
}

async function makeStatewide(withPrior: boolean): Promise<void> {
  const [file, options] = withPrior ? [STATEWIDE_PRIOR_JSON, STATEWIDE_PRIOR_OPTIONS] : [STATEWIDE_JSON, STATEWIDE_OPTIONS];
  const request = generateConsortium(options);
  await writeText(file, formatRequestJson(request));
  await report(file, request);
}

await (process.argv.includes("--statewide") ? makeStatewide(process.argv.includes("--prior")) : makeExample());
