// Messages put into results as flat strings. A template literal longer than a dozen characters
// is a rope in V8 (a "cons string": two halves, joined when read), and V8's fast JSON.stringify
// serializes only flat strings: one rope in a school's result sends the whole call down the slow
// serializer, about 1.7 × slower (measured in workerd: 300 results 4.5 ms with the ropes the
// designation messages made, 2.7 ms flat). Array.prototype.join writes its text into one new flat
// string, so a message built with `text` costs one join and serializes on the fast path.

/**
 * The template's text as one flat string: `text\`index ${x} ranks ${r}\``. Values are the kinds a
 * message holds, written as a template literal writes them. (A template that is nothing but one
 * value gives that value back as it is: there is nothing to join.)
 */
export function text(strings: TemplateStringsArray, ...values: (string | number | boolean | null | undefined)[]): string {
  const parts: string[] = new Array(2 * values.length + 1);
  parts[0] = strings[0]!;
  for (let i = 0; i < values.length; i++) {
    parts[2 * i + 1] = String(values[i]);
    parts[2 * i + 2] = strings[i + 1]!;
  }
  return parts.join("");
}
