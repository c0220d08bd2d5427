// Answers as a stream: an operation that can write its answer in pieces (the registry's `json`) is
// sent as it is written, a school at a time, so the Worker never holds a statewide answer whole —
// neither its objects nor its 40–90 MB of text. The bytes are the same as c.json of the whole answer.
import type { Context } from "hono";
import type { Operation } from "../shared/operations.js";
import { invalidRequest } from "./problem.js";

/** Pieces are gathered into chunks of about this many characters before they are encoded and sent. */
const CHUNK_CHARS = 64 * 1024;

/** The pieces as UTF-8 bytes, written only as fast as the client reads them. */
export function textStream(pieces: Iterable<string>): ReadableStream<Uint8Array> {
  const iterator = pieces[Symbol.iterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = "";
      while (chunk.length < CHUNK_CHARS) {
        const next = iterator.next();
        if (next.done) {
          if (chunk.length > 0) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
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
