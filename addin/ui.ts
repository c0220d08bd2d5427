// The small DOM helpers every tab of the task pane uses: find an element, show a status line,
// lock the buttons while a step runs, list problems as links to their cells, and switch tabs.
// Nothing here knows about scoring; the tabs in tabs/ call these around the flows.

import type { LocatedProblem } from "../shared/tables/cells.js";
import { type RunExcel, selectCell } from "./score-flow.js";

/** The element with this id; the page's ids are fixed (the browser test drives them). */
export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** Shows a status text; the tone is the element's class, which the styles colour. */
export function say(id: string, text: string, tone: "" | "ok" | "error" = ""): void {
  const element = $(id);
  element.textContent = text;
  element.className = tone;
}

/** Disables the pane's buttons while a step runs, so a double click cannot start two. */
export async function busy<T>(work: () => Promise<T>): Promise<T> {
  const buttons = [...document.querySelectorAll("button")];
  for (const button of buttons) button.disabled = true;
  try {
    return await work();
  } finally {
    for (const button of buttons) button.disabled = false;
  }
}

/**
 * List items for problems: each cell a link that selects it; long lists are cut with a count, which
 * includes `unlisted`: problems the engine found but did not list (it lists the first 1,000).
 */
export function problemItems(run: RunExcel, problems: readonly LocatedProblem[], unlisted = 0, limit = 500): HTMLLIElement[] {
  const items = problems.slice(0, limit).map((p) => {
    const item = document.createElement("li");
    const link = Object.assign(document.createElement("a"), { href: "#", textContent: p.cell || p.path });
    link.addEventListener("click", (e) => {
      e.preventDefault();
      if (p.cell) void selectCell(run, p.cell);
    });
    item.append(link, `: ${p.message}`);
    return item;
  });
  const more = Math.max(0, problems.length - limit) + unlisted;
  if (more > 0) items.push(Object.assign(document.createElement("li"), { textContent: `… and ${more} more` }));
  return items;
}

/** Makes the page's role="tab" buttons switch panels, by click and by the arrow keys. */
export function setUpTabs(): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const show = (tab: HTMLButtonElement) => {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute("aria-selected", String(selected));
      t.tabIndex = selected ? 0 : -1;
      $(t.getAttribute("aria-controls")!).hidden = !selected;
    }
    tab.focus();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => show(tab));
    tab.addEventListener("keydown", (e) => {
      if (e.key === "ArrowRight") show(tabs[(i + 1) % tabs.length]!);
      if (e.key === "ArrowLeft") show(tabs[(i + tabs.length - 1) % tabs.length]!);
    });
  });
}
