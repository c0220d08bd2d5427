// Loaded into the page before the pane: the in-memory workbook standing in for Excel.
import { FakeWorkbook } from "../addin/fake-excel.js";

const book = new FakeWorkbook();

/** How the test reaches the page's workbook from page.evaluate. */
export type TestHost = typeof globalThis & { sqiiTestBook: FakeWorkbook };
Object.assign(globalThis, {
  sqiiTestBook: book,
  Excel: { run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(book.context()) },
});
