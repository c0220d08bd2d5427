// HTML text with every interpolated value escaped: the school report pages put names, ids and
// districts the caller chose into the page (a school may be called `<script>`), so the tag below
// escapes whatever it is given unless it is already markup made by the tag itself. Nothing else in
// the report renderer builds markup by string concatenation.

/** Markup made by `html`; only this is inserted unescaped. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for an element or an attribute value (quoted with " or '). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

/** A template of markup: strings as written, values escaped (lists joined, null and false left out). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Trusted markup from this renderer's own constants (the style sheet). */
export function raw(text: string): Html {
  return new Html(text);
}
