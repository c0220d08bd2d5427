// A response written out a piece at a time. A statewide response is tens of megabytes of JSON; held
// whole (its objects, then its text) it does not fit a Worker's 128 MB. Its long lists are LazyLists
// whose items are made only when written, and `jsonPieces` writes the response so that its pieces,
// joined, are exactly JSON.stringify of the same response with each list made whole.

/** A list whose items are made when read, one at a time (each read makes the item again). */
export class LazyList<T> {
  constructor(
    readonly length: number,
    private readonly make: (i: number) => T,
  ) {}

  item(i: number): T {
    return this.make(i);
  }

  toArray(): T[] {
    const out: T[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.make(i);
    return out;
  }
}

/** An object with some list fields lazy; `Whole` makes them arrays again. */
export type Lazy<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] extends (infer U)[] ? LazyList<U> : never };

/** The object with its lazy lists made whole, fields in the same order. */
export function whole<T extends object>(object: object): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) out[key] = value instanceof LazyList ? value.toArray() : value;
  return out as T;
}

/**
 * JSON.stringify(whole(object)), in pieces: one per item of each LazyList field, one for each other
 * field. Only the top level may hold LazyLists; everything below is written by JSON.stringify.
 */
export function* jsonPieces(object: object): Generator<string, void, undefined> {
  let separator = "{";
  for (const [key, value] of Object.entries(object)) {
    // What JSON.stringify leaves out of an object.
    if (value === undefined || typeof value === "function" || typeof value === "symbol") continue;
    const name = `${separator}${JSON.stringify(key)}:`;
    separator = ",";
    if (!(value instanceof LazyList)) {
      yield name + JSON.stringify(value);
      continue;
    }
    yield `${name}[`;
    for (let i = 0; i < value.length; i++) {
      const item = JSON.stringify(value.item(i)) ?? "null";
      yield i === 0 ? item : `,${item}`;
    }
    yield "]";
  }
  yield separator === "{" ? "{}" : "}";
}
