// The command line run as a user runs it: a child process of `tsx scripts/cli/<command>.ts`, its
// exit code and what it printed.
import { spawn } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(command: "score" | "cut-points" | "report", ...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [`scripts/cli/${command}.ts`, ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
