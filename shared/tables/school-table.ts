// The school table of the workbook contract (api.md "Inputs › Data"), long or wide, read into a
// score request with every problem on its cell. Columns, synonyms and conversions come from
// school-columns.ts; cells, the problem log and header matching from the shared table layer. The
// add-in bundles this and the command line uses it, so both read a sheet the same way.
import { describeValue } from "../contract/requests.js";
import { INDICATOR_INFO, SUBGROUP_NAMES, SUBGROUPS, type Subgroup } from "../core/model.js";
import type { Problem } from "../core/problems.js";
import { type CellProblem, cellText, isBlank, isEmpty, type LocatedProblem, squash, type TablePlace } from "./cells.js";
import { isPercentFormat, ProblemLog, type ReadOptions } from "./columns.js";
import { convertCell, FIELD_LABELS, groupOfName, SCHOOL_FIELDS, type TableField, type ValueField } from "./school-columns.js";
import { type Layout, layoutOf, type MappingReport, type TableColumn } from "./school-layout.js";
import { columnOf, coveredByMissingColumn, type Position, positionOf, type SchoolDraft, type SchoolRecord, type YearPart } from "./school-places.js";
import { type GivenYear, ofYear, sortByYear, type TableYears, type YearSort } from "./school-years.js";

export type { MappingReport, RecognisedColumn } from "./school-layout.js";
export type { SchoolDraft } from "./school-places.js";
export type { GivenYear, TableYears } from "./school-years.js";

export interface SchoolTableOptions extends ReadOptions {
  /** The year the workbook scores when it is set apart from the data (SQII Config, --year): it picks the rows scored. */
  year?: GivenYear;
}

export interface TableRequest {
  year?: unknown;
  schools: SchoolDraft[];
}

export interface TableRead {
  request: TableRequest;
  mapping: MappingReport;
  /** The Year column's years (the year scored, and the prior year when the table has its rows); none without years. */
  years?: TableYears;
  /** What went wrong while reading, in table order. Any of these blocks scoring. */
  problems: CellProblem[];
  /** Rows read but not used, each at its cell (a school with rows of the prior year only). Scoring goes ahead. */
  notes: CellProblem[];
  /** The cell behind a request path (`schools[3].subgroups.HI.ela` → `Data!H14`), or its nearest ancestor's. */
  locate(path: string): string | undefined;
  /**
   * The reading problems plus `schemaProblems` (from parseScoreRequest) with their cells, in table
   * order, leaving out schema problems the reading already reported in its own words.
   */
  cellProblems(schemaProblems: readonly Problem[]): LocatedProblem[];
}

/**
 * The first row is the header; rows after it are schools (wide) or school × student group (long).
 * With a Year column of two years, the rows of the year before the one scored are the schools' prior year.
 */
export function readTable(values: readonly (readonly unknown[])[], place: TablePlace, options: SchoolTableOptions = {}): TableRead {
  return new TableReader(values, place, options).read();
}

class TableReader {
  private readonly log: ProblemLog;
  private readonly schools: SchoolRecord[] = [];
  private readonly byId = new Map<string, SchoolRecord>();
  private readonly notes: { row: number; note: CellProblem }[] = [];
  private sort: YearSort = { of: () => "scored" };
  private layout!: Layout;
  private mapping!: MappingReport;
  private idIsCdsCode = false;

  constructor(
    private readonly values: readonly (readonly unknown[])[],
    place: TablePlace,
    private readonly options: SchoolTableOptions,
  ) {
    this.log = new ProblemLog(place);
  }

  read(): TableRead {
    ({ layout: this.layout, mapping: this.mapping } = layoutOf(this.values[0] ?? [], this.log));
    if (this.layout.columns.has("id")) this.readRows();
    const request: TableRequest = { schools: this.schools.map((s) => s.draft) };
    const { years } = this.sort;
    if (years) request.year = years.scored;
    return {
      request,
      mapping: this.mapping,
      ...(years && { years }),
      problems: this.log.sorted() as CellProblem[],
      notes: this.notes.sort((a, b) => a.row - b.row).map((n) => n.note),
      locate: (path) => {
        const at = this.position(path);
        return at && this.log.cellName(at);
      },
      cellProblems: (schemaProblems) => this.withSchemaProblems(schemaProblems),
    };
  }

  // -------------------------------------------------------------- rows

  /** The rows of the year scored make the schools; then the rows of the year before become their prior years. */
  private readRows(): void {
    const idCol = this.column("id")!.index;
    this.idIsCdsCode = squash(cellText(this.values[0]![idCol])).startsWith("cds");
    const ids = new Map<number, string>();
    for (let row = 1; row < this.values.length; row++) {
      const cells = this.values[row] ?? [];
      if (cells.every(isBlank)) continue;
      const idCell = cells[idCol];
      // An ID is a name, so "NA" or "-" there is an ID; only an empty cell is a missing one.
      if (isEmpty(idCell)) this.problemAt({ row, col: idCol }, "", "this row has values but no school ID");
      else ids.set(row, this.schoolId(idCell));
    }
    this.sort = sortByYear(this.values, [...ids.keys()], this.column("year")?.index, this.log, this.options.year);
    const priorRows: number[] = [];
    for (const [row, id] of ids) {
      const which = this.sort.of(row);
      if (which === "prior") priorRows.push(row);
      else if (which === "scored" && this.layout.format === "long") {
        const school = this.schoolOf(id, row);
        this.readAttributes(school, row);
        this.readGroupRow(row, school, school.current);
      } else if (which === "scored") this.readWideRow(row, id);
    }
    this.readPriorRows(priorRows, ids);
    if (this.layout.format === "long") this.reportMissingAllRows();
  }

  /**
   * The year before's rows, each to the school with its School ID. Its school attributes are not
   * read (the year scored gives them; schools change). A school with no row of the year scored is
   * not scored: a note, once per school, at its first row (as SQII History's rows of a school not in the data).
   */
  private readPriorRows(rows: readonly number[], ids: ReadonlyMap<number, string>): void {
    const orphans = new Map<string, { row: number; count: number }>();
    for (const row of rows) {
      const id = ids.get(row)!;
      const school = this.byId.get(id);
      if (!school) {
        const seen = orphans.get(id);
        if (seen) seen.count++;
        else orphans.set(id, { row, count: 1 });
        continue;
      }
      if (this.layout.format === "wide" && school.prior) {
        this.secondWideRow(row, school, school.prior);
        continue;
      }
      const part = school.prior ?? this.priorPart(school, row);
      if (this.layout.format === "long") this.readGroupRow(row, school, part);
      else this.readWideGroups(row, school, part);
    }
    if (orphans.size === 0) return;
    const { scored, prior } = this.sort.years!; // there are rows of the prior year, so there are years
    for (const [id, { row, count }] of orphans) {
      const rows = count === 1 ? "its row is" : `its ${count} rows are`;
      const note: CellProblem = {
        path: "schools",
        schoolId: id,
        cell: this.log.cellName({ row, col: this.column("id")!.index }),
        message: `school "${id}" has rows of ${prior}, the prior year, but none of ${scored}, the year scored: it is not scored, and ${rows} not used`,
      };
      this.notes.push({ row, note });
    }
  }

  private priorPart(school: SchoolRecord, row: number): YearPart {
    const part: YearPart = { which: "prior", subgroups: {}, path: `schools[${school.index}].prior.subgroups`, firstRow: row, groupRows: new Map() };
    school.prior = part;
    school.draft.prior = { year: this.sort.years!.prior, subgroups: part.subgroups };
    return part;
  }

  private readGroupRow(row: number, school: SchoolRecord, part: YearPart): void {
    const groupColumn = this.column("group")!;
    const groupCell = this.values[row]![groupColumn.index];
    const at = { row, col: groupColumn.index };
    const path = part.path;
    if (isBlank(groupCell)) {
      this.problemAt(at, path, "this row has no student group", school);
      return;
    }
    const group = typeof groupCell === "string" ? groupOfName(groupCell) : undefined;
    if (!group) {
      this.problemAt(at, path, `${describeValue(groupCell)} is not a student group (a code such as HI or a name such as Hispanic/Latino)`, school);
      return;
    }
    const earlier = part.groupRows.get(group);
    if (earlier !== undefined) {
      this.problemAt(
        at,
        `${path}.${group}`,
        `a second ${SUBGROUP_NAMES[group]} row${ofYear(this.sort.years, part.which)} for school "${school.draft.id}" (the first is row ${this.sheetRow(earlier)})`,
        school,
      );
      return;
    }
    part.groupRows.set(group, row);
    part.subgroups[group] = this.readValues(row, this.layout.valueColumns.get("any") ?? [], school, part, group);
  }

  private readWideRow(row: number, id: string): void {
    const earlier = this.byId.get(id);
    if (earlier) {
      this.secondWideRow(row, earlier, earlier.current);
      return;
    }
    const school = this.schoolOf(id, row);
    this.readAttributes(school, row);
    this.readWideGroups(row, school, school.current);
  }

  private secondWideRow(row: number, school: SchoolRecord, part: YearPart): void {
    this.problemAt(
      { row, col: this.column("id")!.index },
      part.which === "prior" ? `schools[${school.index}].prior` : `schools[${school.index}]`,
      `school "${school.draft.id}" already has a row${ofYear(this.sort.years, part.which)} (row ${this.sheetRow(part.firstRow)}); this one is not read`,
      school,
    );
  }

  private readWideGroups(row: number, school: SchoolRecord, part: YearPart): void {
    for (const group of SUBGROUPS) {
      const columns = this.layout.valueColumns.get(group) ?? [];
      const values = this.readValues(row, columns, school, part, group);
      // A group with no value in this row (school-only values aside: they are problems) is not in
      // the school; ALL always is, so a blank N is reported.
      if (group !== "ALL" && Object.keys(values).length === 0) continue;
      part.groupRows.set(group, row);
      part.subgroups[group] = values;
    }
  }

  private schoolOf(id: string, row: number): SchoolRecord {
    let school = this.byId.get(id);
    if (!school) {
      const index = this.schools.length;
      const current: YearPart = { which: "scored", subgroups: {}, path: `schools[${index}].subgroups`, firstRow: row, groupRows: new Map() };
      school = { draft: { id, subgroups: current.subgroups }, index, firstRow: row, attributeRows: { id: row }, current };
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

  private readValues(row: number, columns: readonly TableColumn[], school: SchoolRecord, part: YearPart, group: Subgroup): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const column of columns) {
      const cell = this.values[row]![column.index];
      if (isBlank(cell)) continue;
      const field = column.field as ValueField;
      if (group !== "ALL" && field !== "n" && INDICATOR_INFO[field].schoolOnly) {
        this.schoolOnlyProblem({ row, col: column.index }, school, `${part.path}.${group}.${field}`, group, field);
        continue;
      }
      const conversion = convertCell(field, cell, isPercentFormat(this.options, row, column.index));
      if (conversion.ok) result[field] = conversion.value;
      else {
        result[field] = cell;
        this.problemAt({ row, col: column.index }, `${part.path}.${group}.${field}`, conversion.message, school);
      }
    }
    return result;
  }

  /**
   * EL Redesignation and SpEd Identification count for the whole school only (methodology §12):
   * a value on another group's row would be ignored, so it is a problem that says where it goes.
   */
  private schoolOnlyProblem(at: Position, school: SchoolRecord, path: string, group: Subgroup, field: ValueField): void {
    const where =
      this.layout.format === "long"
        ? `give it on the school's ALL row, not on the ${SUBGROUP_NAMES[group]} row`
        : `give it in the ${FIELD_LABELS[field]} column (all students), not in the ${group} group's column`;
    this.problemAt(at, path, `${FIELD_LABELS[field]} is a school-only indicator (methodology §12): ${where}`, school);
  }

  private reportMissingAllRows(): void {
    const col = this.column("group")!.index;
    for (const school of this.schools) {
      for (const part of school.prior ? [school.current, school.prior] : [school.current]) {
        if (part.groupRows.has("ALL")) continue;
        const message = `school "${school.draft.id}" has no All Students row${ofYear(this.sort.years, part.which)}`;
        this.problemAt({ row: part.firstRow, col }, `${part.path}.ALL`, message, school);
      }
    }
  }

  private withSchemaProblems(schemaProblems: readonly Problem[]): LocatedProblem[] {
    const readPaths = this.log.paths();
    const all = this.log.copy();
    for (const problem of schemaProblems) {
      if (!readPaths.has(problem.path) && !coveredByMissingColumn(this.layout, problem.path)) all.add(problem, this.position(problem.path));
    }
    return all.sorted();
  }

  // -------------------------------------------------------------- small helpers

  private position(path: string): Position | undefined {
    return positionOf({ layout: this.layout, schools: this.schools, firstScoredRow: this.sort.firstScoredRow }, path);
  }

  private column(field: TableField, group?: Subgroup): TableColumn | undefined {
    return columnOf(this.layout, field, group);
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
