// Runs one row of the parser benchmark (its index in ROWS is the argument)
// and prints its result as JSON. Each row runs in a process of its own.
import { ROWS } from './parser-rows.js';

const row = ROWS[Number(process.argv[2])];
if (!row) {
  console.error(`no benchmark row ${process.argv[2] ?? ''}`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(row.run())}\n`);
