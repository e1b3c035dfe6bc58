// Prints the README's key table, generated from the keymap (src/tui/keymap.ts).
import { keymapMarkdown } from '../dist/src/tui/keymap.js';
console.log(keymapMarkdown());
