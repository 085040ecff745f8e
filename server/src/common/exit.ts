/**
 * Ends a command with `code` once what it printed is written. An embedded
 * database's exit hook would otherwise end the process with 0, and a plain
 * process.exit can cut off output still in a pipe.
 */
export function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
