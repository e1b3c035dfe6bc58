// The import rule of src/, checked by dependency-cruiser in `npm run lint`
// (and so in `npm test`). LAYERS lists the folders of src/ from the top down:
// a folder may import its own layer's folders and any layer below it, never
// one above. A new folder under src/ must be added here first (else the
// "unknown-folder" rule fails). The other rules are the exceptions that the
// layers alone do not say.
const LAYERS = [
  ['cli'], // argument parsing, sub-commands; wires everything
  ['ui'], // Ink components only
  ['tui'], // view state, reducer, selectors, keymap, controller
  ['core'], // UI-free: models, applyExchange, profiles, launching, analysis
  // services beneath core (siblings may import each other, without cycles)
  ['session', 'report', 'parsers', 'protocol', 'inspect', 'doctor', 'store', 'rules', 'backend'],
  ['text', 'model'], // the terminal-text cleaner, and types
];

const ALL = LAYERS.flat();
const dir = (names) => `^src/(${names.join('|')})/`;

const layerRules = LAYERS.slice(1).map((layer, i) => ({
  name: `layer-${layer.join('-')}`,
  comment: `${layer.join(', ')} must not import a layer above it (${LAYERS.slice(0, i + 1).flat().join(', ')})`,
  severity: 'error',
  from: { path: dir(layer) },
  to: { path: dir(LAYERS.slice(0, i + 1).flat()) },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      comment: 'no import cycles',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'unknown-folder',
      comment: 'every folder under src/ is in LAYERS (.dependency-cruiser.cjs)',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/', pathNot: dir(ALL) },
    },
    {
      name: 'pty-and-processes-only-in-backend',
      comment: 'only src/backend/ imports node-pty or execa',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/backend/' },
      to: { path: '(^|/)node_modules/(node-pty|execa)/' },
    },
    {
      name: 'backend-only-from-core-and-cli',
      comment: 'a backend is launched by core (or wired by cli); the rest sees the Transport and BackendClient interfaces',
      severity: 'error',
      from: { path: '^src/', pathNot: dir(['cli', 'core', 'backend']) },
      to: { path: '^src/backend/' },
    },
    {
      name: 'ui-through-tui',
      comment: 'ui renders view state: it reaches the services through tui and core (types from model are fine)',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: dir(LAYERS[4]) },
    },
    {
      name: 'parsers-are-pure',
      comment: 'parsers read text into models: they import only parsers, text and model',
      severity: 'error',
      from: { path: '^src/parsers/' },
      to: { path: '^src/', pathNot: dir(['parsers', 'text', 'model']) },
    },
    {
      name: 'src-not-from-tests',
      comment: 'the product never imports test or bench code',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every import resolves (node: built-ins newer than the checker, such as node:sqlite, aside)',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true, pathNot: '^node:' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // type-only imports count: a wrong arrow is wrong for types too
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
