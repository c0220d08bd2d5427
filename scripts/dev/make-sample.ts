// `npm run sample`: the checked-in example consortium (examples/core-sample.json and .xlsx).
// `npm run sample -- --statewide`: a 10,000-school request for the benchmark (tmp/, not committed).
import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { ScoreRequest } from "../../shared/contract/requests.js";
import { workbookSheets } from "../../shared/reports/history-sheets.js";
import { countGroupRows, formatRequestJson, generateConsortium, SAMPLE_OPTIONS, STATEWIDE_JSON, STATEWIDE_OPTIONS } from "../../shared/samples/consortium.js";

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

async function makeStatewide(): Promise<void> {
  const request = generateConsortium(STATEWIDE_OPTIONS);
  await writeText(STATEWIDE_JSON, formatRequestJson(request));
  await report(STATEWIDE_JSON, request);
}

await (process.argv.includes("--statewide") ? makeStatewide() : makeExample());
