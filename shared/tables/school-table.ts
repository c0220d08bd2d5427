// The school table of the workbook contract (api.md "Inputs › Data"), long or wide, read into a
// score request with every problem on its cell. Columns, synonyms and conversions come from
// school-columns.ts; cells, the problem log and header matching from the shared table layer. The
// add-in bundles this and the command line uses it, so both read a sheet the same way.
import { describeValue } from "../contract/requests.js";
import { INDICATOR_INFO, SUBGROUP_NAMES, SUBGROUPS, type Subgroup } from "../core/model.js";
import type { Problem } from "../core/problems.js";
import { type CellProblem, cellText, isBlank, type LocatedProblem, squash, type TablePlace } from "./cells.js";
import { isPercentFormat, ProblemLog, type ReadOptions } from "./columns.js";
import { convertCell, FIELD_LABELS, groupOfName, isValueField, SCHOOL_FIELDS, type SchoolField, type TableField, type ValueField } from "./school-columns.js";
import { columnKey, type Layout, layoutOf, type MappingReport, type TableColumn } from "./school-layout.js";

export type { MappingReport, RecognisedColumn } from "./school-layout.js";

/**
 * A school as the table gives it: School-shaped, except that a cell the reader could not convert
 * keeps its raw value, so the schema rejects it too and nothing is silently lost.
 */
export interface SchoolDraft {
  id: string;
  subgroups: Record<string, Record<string, unknown>>;
  [field: string]: unknown;
}

export interface TableRequest {
  year?: unknown;
  schools: SchoolDraft[];
}

export interface TableRead {
  request: TableRequest;
  mapping: MappingReport;
  /** What went wrong while reading, in table order. Any of these blocks scoring. */
  problems: CellProblem[];
  /** The cell behind a request path (`schools[3].subgroups.HI.ela` → `Data!H14`), or its nearest ancestor's. */
  locate(path: string): string | undefined;
  /**
   * The reading problems plus `schemaProblems` (from parseScoreRequest) with their cells, in table
   * order, leaving out schema problems the reading already reported in its own words.
   */
  cellProblems(schemaProblems: readonly Problem[]): LocatedProblem[];
}

/** The first row is the header; rows after it are schools (wide) or school × student group (long). */
export function readTable(values: readonly (readonly unknown[])[], place: TablePlace, options: ReadOptions = {}): TableRead {
  return new TableReader(values, place, options).read();
}

interface Position {
  row: number;
  col: number;
}

interface SchoolRecord {
  draft: SchoolDraft;
  index: number;
  firstRow: number;
  /** The row each school attribute was taken from. */
  attributeRows: Partial<Record<SchoolField, number>>;
  /** Long format: the row of each group; wide format: the school's row for every group. */
  groupRows: Map<Subgroup, number>;
}

class TableReader {
  private readonly log: ProblemLog;
  private readonly schools: SchoolRecord[] = [];
  private readonly byId = new Map<string, SchoolRecord>();
  private year: { value: unknown; row: number } | undefined;
  private layout!: Layout;
  private mapping!: MappingReport;
  private idIsCdsCode = false;

  constructor(
    private readonly values: readonly (readonly unknown[])[],
    place: TablePlace,
    private readonly options: ReadOptions,
  ) {
    this.log = new ProblemLog(place);
  }

  read(): TableRead {
    ({ layout: this.layout, mapping: this.mapping } = layoutOf(this.values[0] ?? [], this.log));
    if (this.layout.columns.has("id")) this.readRows();
    const request: TableRequest = { schools: this.schools.map((s) => s.draft) };
    if (this.year) request.year = this.year.value;
    return {
      request,
      mapping: this.mapping,
      problems: this.log.sorted() as CellProblem[],
      locate: (path) => {
        const at = this.position(path);
        return at && this.log.cellName(at);
      },
      cellProblems: (schemaProblems) => this.withSchemaProblems(schemaProblems),
    };
  }

  // -------------------------------------------------------------- rows

  private readRows(): void {
    this.idIsCdsCode = squash(cellText(this.values[0]![this.column("id")!.index])).startsWith("cds");
    for (let row = 1; row < this.values.length; row++) {
      const cells = this.values[row] ?? [];
      if (cells.every(isBlank)) continue;
      const idCell = cells[this.column("id")!.index];
      if (isBlank(idCell)) {
        this.problemAt({ row, col: this.column("id")!.index }, "", "this row has values but no school ID");
        continue;
      }
      this.readYear(row);
      const id = this.schoolId(idCell);
      if (this.layout.format === "long") this.readLongRow(row, this.schoolOf(id, row));
      else this.readWideRow(row, id);
    }
    if (this.layout.format === "long") this.reportMissingAllRows();
  }

  private readLongRow(row: number, school: SchoolRecord): void {
    this.readAttributes(school, row);
    const groupColumn = this.column("group")!;
    const groupCell = this.values[row]![groupColumn.index];
    const at = { row, col: groupColumn.index };
    const path = `schools[${school.index}].subgroups`;
    if (isBlank(groupCell)) {
      this.problemAt(at, path, "this row has no student group", school);
      return;
    }
    const group = typeof groupCell === "string" ? groupOfName(groupCell) : undefined;
    if (!group) {
      this.problemAt(at, path, `${describeValue(groupCell)} is not a student group (a code such as HI or a name such as Hispanic/Latino)`, school);
      return;
    }
    const earlier = school.groupRows.get(group);
    if (earlier !== undefined) {
      this.problemAt(
        at,
        `${path}.${group}`,
        `a second ${SUBGROUP_NAMES[group]} row for school "${school.draft.id}" (the first is row ${this.sheetRow(earlier)})`,
        school,
      );
      return;
    }
    school.groupRows.set(group, row);
    school.draft.subgroups[group] = this.readValues(row, this.layout.valueColumns.get("any") ?? [], school, group);
  }

  private readWideRow(row: number, id: string): void {
    const earlier = this.byId.get(id);
    if (earlier) {
      const at = { row, col: this.column("id")!.index };
      this.problemAt(
        at,
        `schools[${earlier.index}]`,
        `school "${id}" already has a row (row ${this.sheetRow(earlier.firstRow)}); this one is not read`,
        earlier,
      );
      return;
    }
    const school = this.schoolOf(id, row);
    this.readAttributes(school, row);
    for (const group of SUBGROUPS) {
      const columns = this.layout.valueColumns.get(group) ?? [];
      const values = this.readValues(row, columns, school, group);
      // A group with no value in this row (school-only values aside: they are problems) is not in
      // the school; ALL always is, so a blank N is reported.
      if (group !== "ALL" && Object.keys(values).length === 0) continue;
      school.groupRows.set(group, row);
      school.draft.subgroups[group] = values;
    }
  }

  private schoolOf(id: string, row: number): SchoolRecord {
    let school = this.byId.get(id);
    if (!school) {
      school = { draft: { id, subgroups: {} }, index: this.schools.length, firstRow: row, attributeRows: { id: row }, groupRows: new Map() };
      this.byId.set(id, school);
      this.schools.push(school);
    }
    return school;
  }

  /** Ids are text; CDS codes are 14 digits, so a number under a CDS header has lost its leading zero. */
  private schoolId(cell: unknown): string {
    const text = cellText(cell);
    return this.idIsCdsCode && typeof cell === "number" && Number.isInteger(cell) ? text.padStart(14, "0") : text;
  }

  /** Name, district, level, Title I, SIG and history: the first value given wins; a different later one is a problem. */
  private readAttributes(school: SchoolRecord, row: number): void {
    for (const field of SCHOOL_FIELDS) {
      const column = this.column(field);
      if (field === "id" || !column) continue;
      const cell = this.values[row]![column.index];
      if (isBlank(cell)) continue;
      const at = { row, col: column.index };
      const path = `schools[${school.index}].${field}`;
      const conversion = convertCell(field, cell);
      const value = conversion.ok ? conversion.value : cell;
      if (!conversion.ok) this.problemAt(at, path, conversion.message, school);
      const firstRow = school.attributeRows[field];
      if (firstRow === undefined) {
        school.draft[field] = value;
        school.attributeRows[field] = row;
      } else if (JSON.stringify(value) !== JSON.stringify(school.draft[field])) {
        const first = this.values[firstRow]![column.index];
        this.problemAt(
          at,
          path,
          `${FIELD_LABELS[field]} ${describeValue(cell)} differs from ${describeValue(first)} in ${this.letters(column.index)}${this.sheetRow(firstRow)} for the same school`,
          school,
        );
      }
    }
  }

  private readValues(row: number, columns: readonly TableColumn[], school: SchoolRecord, group: Subgroup): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const column of columns) {
      const cell = this.values[row]![column.index];
      if (isBlank(cell)) continue;
      const field = column.field as ValueField;
      if (group !== "ALL" && field !== "n" && INDICATOR_INFO[field].schoolOnly) {
        this.schoolOnlyProblem({ row, col: column.index }, school, group, field);
        continue;
      }
      const conversion = convertCell(field, cell, isPercentFormat(this.options, row, column.index));
      if (conversion.ok) result[field] = conversion.value;
      else {
        result[field] = cell;
        this.problemAt({ row, col: column.index }, `schools[${school.index}].subgroups.${group}.${field}`, conversion.message, school);
      }
    }
    return result;
  }

  /**
   * EL Redesignation and SpEd Identification count for the whole school only (methodology §12):
   * a value on another group's row would be ignored, so it is a problem that says where it goes.
   */
  private schoolOnlyProblem(at: Position, school: SchoolRecord, group: Subgroup, field: ValueField): void {
    const where =
      this.layout.format === "long"
        ? `give it on the school's ALL row, not on the ${SUBGROUP_NAMES[group]} row`
        : `give it in the ${FIELD_LABELS[field]} column (all students), not in the ${group} group's column`;
    this.problemAt(
      at,
      `schools[${school.index}].subgroups.${group}.${field}`,
      `${FIELD_LABELS[field]} is a school-only indicator (methodology §12): ${where}`,
      school,
    );
  }

  private readYear(row: number): void {
    const column = this.column("year");
    const cell = column && this.values[row]![column.index];
    if (!column || isBlank(cell)) return;
    const at = { row, col: column.index };
    const conversion = convertCell("year", cell);
    const value = conversion.ok ? conversion.value : cell;
    if (!conversion.ok) this.problemAt(at, "year", conversion.message);
    if (!this.year) this.year = { value, row };
    else if (value !== this.year.value) {
      this.problemAt(
        at,
        "year",
        `Year ${describeValue(cell)} differs from ${describeValue(this.values[this.year.row]![column.index])} in ${this.letters(column.index)}${this.sheetRow(this.year.row)}`,
      );
    }
  }

  private reportMissingAllRows(): void {
    const col = this.column("group")!.index;
    for (const school of this.schools) {
      if (school.groupRows.has("ALL")) continue;
      this.problemAt({ row: school.firstRow, col }, `schools[${school.index}].subgroups.ALL`, `school "${school.draft.id}" has no All Students row`, school);
    }
  }

  // -------------------------------------------------------------- locating

  /** The cell behind a request path, or behind its nearest ancestor that has one. */
  private position(path: string): Position | undefined {
    if (path === "year") return this.year && { row: this.year.row, col: this.column("year")!.index };
    const match = /^schools\[(\d+)\](?:\.([A-Za-z0-9]+))?(.*)$/.exec(path);
    const school = match && this.schools[Number(match[1])];
    if (!school) return undefined;
    const schoolCell = { row: school.firstRow, col: this.column("id")!.index };
    const field = match[2];
    if (field === "subgroups") return this.subgroupPosition(school, match[3]!.slice(1)) ?? schoolCell;
    if (field && (SCHOOL_FIELDS as readonly string[]).includes(field)) {
      const column = this.column(field as SchoolField);
      if (column) return { row: school.attributeRows[field as SchoolField] ?? school.firstRow, col: column.index };
    }
    return schoolCell;
  }

  /** `HI.ela` → the HI row's ELA cell; `HI` → its group cell; `` → the school's first group cell. */
  private subgroupPosition(school: SchoolRecord, rest: string): Position | undefined {
    const [groupPart, field] = rest.split(".") as [string, string | undefined];
    const group = groupPart as Subgroup;
    const row = school.groupRows.get(group) ?? school.firstRow;
    const column =
      this.layout.format === "long"
        ? (field !== undefined && this.column(field as TableField)) || this.column("group")
        : (field !== undefined && this.column(field as TableField, group)) || this.layout.valueColumns.get(group)?.[0];
    return column && { row, col: column.index };
  }

  private withSchemaProblems(schemaProblems: readonly Problem[]): LocatedProblem[] {
    const readPaths = this.log.paths();
    const all = this.log.copy();
    for (const problem of schemaProblems) {
      if (!readPaths.has(problem.path) && !this.coveredByMissingColumn(problem.path)) all.add(problem, this.position(problem.path));
    }
    return all.sorted();
  }

  /** A missing Level column is one problem, not one per school. */
  private coveredByMissingColumn(path: string): boolean {
    const missing = this.layout.missingKeys;
    const field = /^schools\[\d+\]\.([A-Za-z0-9]+)/.exec(path)?.[1];
    if (field && missing.has(field)) return true;
    const count = /^schools\[\d+\]\.subgroups\.([A-Za-z]+)\.n$/.exec(path);
    return count !== null && (missing.has("n") || missing.has(`n:${count[1]}`));
  }

  // -------------------------------------------------------------- small helpers

  private column(field: TableField, group?: Subgroup): TableColumn | undefined {
    return this.layout.columns.get(columnKey(field, this.layout.format === "wide" && isValueField(field) ? (group ?? "ALL") : undefined));
  }

  private problemAt(at: Position, path: string, message: string, school?: SchoolRecord): void {
    this.log.at(at, path, message, school?.draft.id);
  }

  private sheetRow(row: number): number {
    return this.log.sheetRow(row);
  }

  private letters(col: number): string {
    return this.log.letters(col);
  }
}
