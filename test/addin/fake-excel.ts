// A small in-memory Excel: the subset of the Excel JavaScript API the add-in uses, with the
// request accounting of Excel on the web (what one context.sync sends: bytes and cells), so tests
// can hold the add-in to the platform's limits. Pure TypeScript: it can also stand in for Excel in
// a browser test.

export type Cell = string | number | boolean | null;

function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export interface FakeConditionalFormat {
  type: string;
  column: number;
  rows: [number, number];
  /** A "ContainsText" format's. */
  textComparison: { format: { fill: { color?: string } }; rule?: { operator: string; text: string } };
  /** A "CellValue" format's. */
  cellValue: { format: { fill: { color?: string } }; rule?: { formula1: string; operator: string } };
}

export class FakeSheet {
  readonly cells = new Map<string, Cell>();
  /** Number formats set on cells (by range, not by table column), keyed like cells. */
  readonly numberFormats = new Map<string, string>();
  readonly conditionalFormats: FakeConditionalFormat[] = [];
  /** Fixed fill colours set on cells (Range.format.fill.color), keyed like cells. */
  readonly fills = new Map<string, string>();
  frozenRows = 0;
  /** As a sheet from getItemOrNullObject reads when it exists. */
  readonly isNullObject = false;
  constructor(
    readonly book: FakeWorkbook,
    public name: string,
  ) {}

  get(row: number, column: number): Cell | undefined {
    return this.cells.get(`${row},${column}`);
  }

  /** The used area as rows of values (blank cells as ""), from A1. */
  values(): Cell[][] {
    let rows = 0;
    let columns = 0;
    for (const key of this.cells.keys()) {
      const [r, c] = key.split(",").map(Number) as [number, number];
      rows = Math.max(rows, r + 1);
      columns = Math.max(columns, c + 1);
    }
    return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => this.get(r, c) ?? ""));
  }

  getRange(address?: string) {
    return {
      // Like Range.clear() with its default "All": contents and formats, conditional ones included.
      clear: () => {
        this.cells.clear();
        this.numberFormats.clear();
        this.conditionalFormats.length = 0;
        this.fills.clear();
      },
      // The sheet's tables hold its validation here; clearing it clears theirs.
      dataValidation: { clear: () => {} },
      select: () => {
        this.book.active = this.name;
        this.book.selection = { sheet: this.name, address: address ?? "A1" };
      },
    };
  }

  /** Like Worksheet.getUsedRangeOrNullObject: the block from the first to the last non-blank cell. */
  getUsedRangeOrNullObject(_valuesOnly?: boolean) {
    const used = [...this.cells].filter(([, v]) => v !== "" && v !== null).map(([key]) => key.split(",").map(Number) as [number, number]);
    if (used.length === 0) return { isNullObject: true, load() {} };
    const rows = used.map(([r]) => r);
    const columns = used.map(([, c]) => c);
    const [top, left] = [Math.min(...rows), Math.min(...columns)];
    return { isNullObject: false, ...this.block(top, left, Math.max(...rows) - top + 1, Math.max(...columns) - left + 1) };
  }

  /** What Range.load gives for a block of this sheet: address, size, values, number formats. */
  block(row: number, column: number, rowCount: number, columnCount: number) {
    const quoted = /^[A-Za-z0-9_]+$/.test(this.name) ? this.name : `'${this.name.replaceAll("'", "''")}'`;
    const corner = (r: number, c: number) => `${columnName(c)}${r + 1}`;
    const end = rowCount === 1 && columnCount === 1 ? "" : `:${corner(row + rowCount - 1, column + columnCount - 1)}`;
    const values = Array.from({ length: rowCount }, (_, r) => Array.from({ length: columnCount }, (_, c) => this.get(row + r, column + c) ?? ""));
    return {
      address: `${quoted}!${corner(row, column)}${end}`,
      rowCount,
      columnCount,
      values,
      numberFormat: values.map((r, i) => r.map((_, j) => this.numberFormats.get(`${row + i},${column + j}`) ?? "General")),
      load() {},
    };
  }

  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number) {
    const sheet = this;
    return {
      sheet,
      row,
      column,
      rowCount,
      columnCount,
      conditionalFormats: {
        add: (type: string) => {
          const format: FakeConditionalFormat = {
            type,
            column,
            rows: [row, row + rowCount - 1],
            textComparison: { format: { fill: {} } },
            cellValue: { format: { fill: {} } },
          };
          sheet.conditionalFormats.push(format);
          return format;
        },
      },
      getTables: (_fullyContained?: boolean) => sheet.book.tablesAt(sheet, row, column),
      format: {
        fill: {
          set color(color: string) {
            for (let r = row; r < row + rowCount; r++) for (let c = column; c < column + columnCount; c++) sheet.fills.set(`${r},${c}`, color);
          },
        },
      },
      /** What a loaded range's values give: the cells now (blank as ""). */
      get values(): Cell[][] {
        return sheet.block(row, column, rowCount, columnCount).values;
      },
      load() {
        return this;
      },
      set values(values: Cell[][]) {
        if (values.length !== rowCount || values.some((r) => r.length !== columnCount)) {
          throw new Error(`values are ${values.length}×${values[0]?.length} for a ${rowCount}×${columnCount} range`);
        }
        sheet.book.account(JSON.stringify(values).length, rowCount * columnCount);
        // As in Excel: null leaves a cell as it is (the add-in clears its sheet first, so: blank).
        for (const [i, r] of values.entries()) {
          for (const [j, v] of r.entries()) if (v !== null) sheet.cells.set(`${row + i},${column + j}`, v);
        }
      },
      set numberFormat(formats: string[][]) {
        if (formats.length !== rowCount || formats.some((r) => r.length !== columnCount)) {
          throw new Error(`number formats are ${formats.length}×${formats[0]?.length} for a ${rowCount}×${columnCount} range`);
        }
        sheet.book.account(JSON.stringify(formats).length, rowCount * columnCount);
        for (const [i, r] of formats.entries()) for (const [j, f] of r.entries()) sheet.numberFormats.set(`${row + i},${column + j}`, f);
      },
    };
  }

  activate(): void {
    this.book.active = this.name;
  }

  readonly tables = {
    /** Like Worksheet.tables.load("items/name"): this sheet's tables, each with delete(). */
    load: () => ({
      items: [...this.book.tables.values()].filter((t) => t.sheet === this).map((t) => ({ name: t.name, delete: () => this.book.tables.delete(t.name) })),
    }),
    add: (range: { sheet: FakeSheet; row: number; column: number; rowCount: number; columnCount: number }, hasHeaders: boolean) => {
      const sheet = this;
      // As in Excel: a table cannot overlap another.
      const overlaps = (a: typeof range, b: FakeTable["range"]) =>
        a.row < b.row + b.rowCount && b.row < a.row + a.rowCount && a.column < b.column + b.columnCount && b.column < a.column + a.columnCount;
      const other = [...this.book.tables.values()].find((t) => t.sheet === this && overlaps(range, t.range));
      if (other) throw new Error(`a table can't overlap another table (${other.name})`);
      const validations = new Map<string, { rule?: unknown; errorAlert?: unknown }>();
      const table = {
        name: `Table${this.book.tables.size + 1}`,
        sheet: this,
        range,
        hasHeaders,
        validations,
        // Like TableRowCollection.add at the end: the rows land below the table, which grows over them.
        rows: {
          add: (_index: number | undefined, values: Cell[][]) => {
            sheet.getRangeByIndexes(range.row + range.rowCount, range.column, values.length, range.columnCount).values = values;
            range.rowCount += values.length;
          },
        },
        columns: {
          getItem: (header: string) => {
            const headers = Array.from({ length: range.columnCount }, (_, c) => sheet.get(range.row, range.column + c));
            if (!headers.includes(header)) throw new Error(`ItemNotFound: column ${header}`);
            const validation = validations.get(header) ?? validations.set(header, {}).get(header)!;
            return {
              getDataBodyRange: () => ({
                dataValidation: validation,
                // One cell of the column: its validation is kept as "Header#row".
                getCell: (row: number, _column: number) => {
                  const key = `${header}#${row}`;
                  return { dataValidation: validations.get(key) ?? validations.set(key, {}).get(key)! };
                },
              }),
            };
          },
        },
      };
      let name = table.name;
      this.book.tables.set(name, table);
      return Object.defineProperty(table, "name", {
        get: () => name,
        set: (next: string) => {
          if (this.book.tables.has(next)) throw new Error(`a table named ${next} exists`);
          this.book.tables.delete(name);
          name = next;
          this.book.tables.set(name, table);
        },
      });
    },
  };

  frozenColumns = 0;
  readonly freezePanes = {
    freezeRows: (n: number) => {
      this.frozenRows = n;
      this.frozenColumns = 0;
    },
    freezeAt: (range: { rowCount: number; columnCount: number }) => {
      this.frozenRows = range.rowCount;
      this.frozenColumns = range.columnCount;
    },
  };

  /** Charts on the sheet; like Excel's, they survive clearing the cells. */
  readonly chartList: {
    name: string;
    type: string;
    source: unknown;
    title: { text?: string };
    categories?: unknown;
    position?: { row: number; column: number };
  }[] = [];
  readonly charts = {
    add: (type: string, source: unknown) => {
      const chart: FakeSheet["chartList"][number] = { name: `Chart ${this.chartList.length + 1}`, type, source, title: {}, categories: undefined };
      this.chartList.push(chart);
      return Object.assign(chart, {
        axes: { categoryAxis: { setCategoryNames: (range: unknown) => (chart.categories = range) } },
        // Where the chart's top-left corner is: the range's first cell.
        setPosition: (range: { row: number; column: number }) => (chart.position = { row: range.row, column: range.column }),
      });
    },
    load: () => ({ items: this.chartList.map((c) => ({ name: c.name, delete: () => this.chartList.splice(this.chartList.indexOf(c), 1) })) }),
  };
}

export interface FakeTable {
  name: string;
  sheet: FakeSheet;
  range: { row: number; column: number; rowCount: number; columnCount: number };
  hasHeaders: boolean;
  validations: Map<string, { rule?: unknown; errorAlert?: unknown }>;
  columns: { getItem(header: string): unknown };
  rows: { add(index: number | undefined, values: Cell[][]): void };
}

export class FakeWorkbook {
  readonly sheets = new Map<string, FakeSheet>();
  readonly tables = new Map<string, FakeTable>();
  syncs = 0;
  suspended = 0;
  active: string | null = null;
  /** What the user has selected: a sheet and a block (0-based), as getSelectedRange returns it. */
  selection: { sheet: string; address: string } | null = null;
  private selected: { sheet: string; row: number; column: number; rowCount: number; columnCount: number } | null = null;

  select(sheet: string, row: number, column: number, rowCount = 1, columnCount = 1): void {
    this.selected = { sheet, row, column, rowCount, columnCount };
  }
  /** What the largest single request carried. */
  maxRequestBytes = 0;
  maxRequestCells = 0;
  private requestBytes = 0;
  private requestCells = 0;

  account(bytes: number, cells: number): void {
    this.requestBytes += bytes;
    this.requestCells += cells;
  }

  /** Like Range.getTables(false) on one cell: the tables over it, the first with its range and rows. */
  tablesAt(sheet: FakeSheet, row: number, column: number) {
    const around = [...this.tables.values()].filter(
      (t) =>
        t.sheet === sheet &&
        row >= t.range.row &&
        row < t.range.row + t.range.rowCount &&
        column >= t.range.column &&
        column < t.range.column + t.range.columnCount,
    );
    return {
      getCount: () => ({ value: around.length }),
      getFirst: () => ({
        name: around[0]!.name,
        load() {},
        rows: around[0]!.rows,
        getRange: () => sheet.block(around[0]!.range.row, around[0]!.range.column, around[0]!.range.rowCount, around[0]!.range.columnCount),
      }),
    };
  }

  addSheet(name: string): FakeSheet {
    if (this.sheets.has(name)) throw new Error(`a sheet named ${name} exists`);
    const sheet = new FakeSheet(this, name);
    this.sheets.set(name, sheet);
    return sheet;
  }

  /** The `context` an Excel.run callback receives. */
  context(): Excel.RequestContext {
    const collection = <T>(items: () => T[]) => {
      const loaded = { items: [] as T[] };
      return {
        load: () => {
          pending.push(() => {
            loaded.items = items();
          });
          return loaded;
        },
      };
    };
    const pending: (() => void)[] = [];
    const context = {
      workbook: {
        worksheets: {
          ...collection(() => [...this.sheets.values()]),
          add: (name: string) => this.addSheet(name),
          getItem: (name: string) => {
            const sheet = this.sheets.get(name);
            if (!sheet) throw new Error(`ItemNotFound: sheet ${name}`);
            return sheet;
          },
          getItemOrNullObject: (name: string) => this.sheets.get(name) ?? { isNullObject: true },
        },
        getSelectedRange: () => {
          const at = this.selected;
          if (!at) throw new Error("nothing selected");
          const sheet = this.sheets.get(at.sheet)!;
          const range = sheet.block(at.row, at.column, at.rowCount, at.columnCount);
          return { ...range, getTables: () => this.tablesAt(sheet, at.row, at.column) };
        },
        tables: {
          ...collection(() => [...this.tables.values()].map((t) => ({ name: t.name, worksheet: { name: t.sheet.name } }))),
          getItem: (name: string) => {
            const table = this.tables.get(name);
            return { ...table, columns: table?.columns, delete: () => this.tables.delete(name) };
          },
        },
      },
      application: { suspendApiCalculationUntilNextSync: () => void this.suspended++ },
      sync: async () => {
        this.syncs++;
        for (const load of pending.splice(0)) load();
        this.maxRequestBytes = Math.max(this.maxRequestBytes, this.requestBytes);
        this.maxRequestCells = Math.max(this.maxRequestCells, this.requestCells);
        this.requestBytes = 0;
        this.requestCells = 0;
      },
    };
    return context as unknown as Excel.RequestContext;
  }
}
