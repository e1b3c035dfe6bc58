// Prints the README's parser list, generated from the parser registry (src/parsers/registry.ts).
import { parsersMarkdown } from '../dist/src/parsers/registry.js';
console.log(parsersMarkdown());
