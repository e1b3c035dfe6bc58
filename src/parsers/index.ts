// Entry point of the parsers. Which parser reads which crash command, and
// running one by kind, come from the registry (registry.ts).

export { parseBt } from './bt/parse.js';
export { parseDmesg } from './log/dmesg.js';
export { parseKmemInfo } from './kmem.js';
export { parseLog } from './log/parse.js';
export { parseMod } from './mod.js';
export { analyzeOops, analyzeOopsText, extractOops, extractOopsFromText } from './oops.js';
export { parsePs } from './ps/parse.js';
export { parseRunq } from './runq.js';
export { parseSys } from './sys.js';

// The kinds, parseAs and parserFor come from the registry (one table).
export { isParserKind, PARSER_KINDS, parserFor, type ParserKind } from './registry.js';
export { parseAs } from './by-kind.js';
