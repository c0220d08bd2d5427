// What every command of the command line does around its own work: its arguments parsed (a usage
// error prints the message and the usage, exit 2), --help (the usage, exit 0), and any failure to
// read or write a file said in one line, not a stack trace (exit 1).

/** Arguments the command cannot take: the message, then the usage. */
export class UsageError extends Error {}

export async function runCommand<O>(
  name: string,
  usage: string,
  argv: string[],
  parse: (argv: string[]) => O | "help",
  run: (options: O) => Promise<number>,
): Promise<number> {
  let options: O | "help";
  try {
    options = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${name}: ${error.message}\n\n${usage}`);
    return 2;
  }
  if (options === "help") {
    process.stdout.write(usage);
    return 0;
  }
  try {
    return await run(options);
  } catch (error) {
    process.stderr.write(`${name}: ${(error as Error).message}\n`);
    return 1;
  }
}
