// Prints the README's key table, generated from the keymap (src/app/keymap.ts).
import { keymapMarkdown } from '../dist/src/app/keymap.js';
console.log(keymapMarkdown());
