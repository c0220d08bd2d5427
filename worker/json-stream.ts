// Answers as a stream: an operation that can write its answer in pieces (the registry's `json`) is
// sent as it is written, a school at a time, so the Worker never holds a statewide answer whole —
// neither its objects nor its 40–90 MB of text. The bytes are the same as c.json of the whole answer.
import type { Context } from "hono";
import type { Operation } from "../shared/operations.js";
import { invalidRequest } from "./problem.js";

/** Pieces are encoded into chunks of up to this many bytes before they are sent. */
const CHUNK_BYTES = 64 * 1024;

/**
 * The pieces as UTF-8 bytes, written only as fast as the client reads them. Each piece is encoded
 * on its own, straight into the chunk, so one school's accented name sends only that school's
 * piece down the encoder's slow path: workerd encodes a string with any non-ASCII character about
 * ten times slower, and pieces joined into one string first made each such chunk non-ASCII whole
 * (measured in workerd, a 300-school answer: 0.5 ms to encode all-ASCII, 0.96 ms with 5 % of the
 * names accented; a piece at a time, 0.5 ms either way). A piece that does not fit the chunk
 * fills it to its last whole character (encodeInto never splits one) and the rest starts the next.
 */
export function textStream(pieces: Iterable<string>): ReadableStream<Uint8Array> {
  const iterator = pieces[Symbol.iterator]();
  const encoder = new TextEncoder();
  let rest: string | null = null; // what the last chunk had no room for
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = new Uint8Array(CHUNK_BYTES);
      let used = 0;
      for (;;) {
        let piece = rest;
        rest = null;
        if (piece === null) {
          const next = iterator.next();
          if (next.done) {
            if (used > 0) controller.enqueue(chunk.subarray(0, used));
            controller.close();
            return;
          }
          piece = next.value;
        }
        const { read, written } = encoder.encodeInto(piece, chunk.subarray(used));
        used += written;
        if (read < piece.length) {
          rest = piece.slice(read);
          controller.enqueue(chunk.subarray(0, used));
          return;
        }
      }
    },
    cancel() {
      iterator.return?.();
    },
  });
}

/** The operation's answer to the body read by json-body.ts: streamed when it can be, else whole. */
export async function answerOperation(c: Context, op: Operation): Promise<Response> {
  const body: unknown = c.get("body");
  if (op.json) {
    const pieces = await op.json(body);
    return pieces.ok ? c.body(textStream(pieces.value), 200, { "Content-Type": "application/json" }) : invalidRequest(pieces);
  }
  const parsed = await op.run(body);
  return parsed.ok ? c.json(parsed.value as object) : invalidRequest(parsed);
}
