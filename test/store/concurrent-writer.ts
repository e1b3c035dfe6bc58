// A writer process for the concurrency tests: opens the store (migrating it
// if needed, as every kdview run does), then records a slice of the generated
// fleet one report at a time, as `report --all` does.
// Usage: node concurrent-writer.js SPEC FROM TO
import { openStore } from '../../src/store/open.js';
import { generatedFleet } from './generated-fleet.js';

const [spec, from, to] = process.argv.slice(2);
const store = await openStore(spec!);
const records = generatedFleet().slice(Number(from), Number(to));
for (const r of records) await store.insert([r]);
await store.close();
process.stdout.write(`${records.length}\n`);
