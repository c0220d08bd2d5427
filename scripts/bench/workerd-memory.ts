// The memory of a wrangler dev's workerd processes, read from /proc: which processes belong to the
// dev server (its process group), their resident and peak memory, and whether they are gone after
// a stop. The soak reports them before and after a run, and a restart shows as a changed process id.
import { readdirSync, readFileSync } from "node:fs";

export interface Memory {
  pid: number;
  /** wrangler dev runs two: a proxy on the dev port, and the runtime that runs the Worker. */
  role: string;
  rssKb: number;
  hwmKb: number;
}

/**
 * The workerd processes of a wrangler dev: wrangler was started detached, so its pid is the id of a
 * process group that workerd (its descendant) inherits.
 */
function workerdPids(group: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid pgrp …": comm may contain spaces, so split after its closing parenthesis.
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const pgrp = Number(stat.slice(close + 2).split(" ")[2]);
    if (pgrp === group && comm === "workerd") pids.push(Number(entry));
  }
  return pids;
}

function memoryOf(pid: number, devPort: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  const onDevPort = readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(`--socket-addr=entry=127.0.0.1:${devPort}`);
  return { pid, role: onDevPort ? "proxy on the dev port" : "Worker runtime", rssKb: kb("VmRSS"), hwmKb: kb("VmHWM") };
}

export function serverMemory(group: number, devPort: number): Memory[] {
  return workerdPids(group).flatMap((pid) => {
    try {
      return [memoryOf(pid, devPort)];
    } catch {
      return []; // exited while we looked: the report says "gone"
    }
  });
}

/** stop() returns when wrangler exits; workerd follows it a moment later. Polls, bounded in time. */
export async function workerdGone(group: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (workerdPids(group).length > 0) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}
