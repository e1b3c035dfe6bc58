// Known-issue rules: the shipped set is valid and real; matching, with the
// reason per condition; validation errors name the file and line.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { KnownFacts } from '../../src/rules/facts.js';
import { factsFromReport } from '../../src/rules/facts.js';
import { loadRules, parseRuleFile, problemText, shippedRulesDir, userRulesDir } from '../../src/rules/load.js';
import { explainRule, matchRules } from '../../src/rules/match.js';
import { fixtureReport } from '../report/fixture-report.js';

const facts = (over: Partial<KnownFacts> = {}): KnownFacts => ({
  titles: [], log: '', types: [], functions: [], modules: [], frames: [], release: null, taint: null, triggers: [], warnings: [], backend: null, ...over,
});

test('the shipped set: at least 10 valid rules, each with a public https source; ids unique', async () => {
  const set = await loadRules([shippedRulesDir()]);
  assert.deepEqual(set.problems.map(problemText), []);
  assert.ok(set.rules.length >= 10, `${set.rules.length} rules`);
  for (const r of set.rules) {
    assert.match(r.link, /^https:\/\//, r.id);
    assert.ok(r.summary.length > 20, r.id);
  }
  assert.equal(new Set(set.rules.map((r) => r.id)).size, set.rules.length);
  const crash = set.rules.find((r) => r.id === 'crash-8.0.2-pid-flex-array');
  assert.equal(crash?.fixedIn, 'crash 8.0.4');
});

test('crash 8.0.2 on the sysrq dump: the pid flex-array rule matches from its start-up warning, and not for crash 8.0.4 or drgn', async () => {
  const { rules } = await loadRules([shippedRulesDir()]);
  const warning = 'WARNING: active task ffff8a5f7ff30000 on cpu 0 not found in PID hash';
  const r = fixtureReport('sysrq', { warnings: [warning], generator: { version: 'test', backend: 'crash', backendVersion: '8.0.2' } });
  const known = matchRules(rules, factsFromReport(r));
  assert.deepEqual(known.map((k) => k.id), ['crash-8.0.2-pid-flex-array', 'sysrq-triggered-crash']);
  assert.ok(known[0]!.because.some((b) => /warning: .*not found in PID hash/.test(b)));
  assert.ok(known[0]!.because.some((b) => /backend: crash 8\.0\.2, wanted crash < 8\.0\.4/.test(b)));
  const newer = fixtureReport('sysrq', { warnings: [warning], generator: { version: 'test', backend: 'crash', backendVersion: '8.0.4' } });
  assert.deepEqual(matchRules(rules, factsFromReport(newer)).map((k) => k.id), ['sysrq-triggered-crash']);
  // The bug dump's kernel has the backport reverted: no warning, no match; its lkdtm crash is known as deliberate.
  const bug = fixtureReport('bug', { generator: { version: 'test', backend: 'crash', backendVersion: '8.0.2' } });
  assert.deepEqual(matchRules(rules, factsFromReport(bug)).map((k) => k.id), ['lkdtm-deliberate-crash']);
});

test('each kernel-bug rule matches its documented symptom inside its release range only', async () => {
  const { rules } = await loadRules([shippedRulesDir()]);
  const ids = (f: KnownFacts) => matchRules(rules, f).map((k) => k.id);
  assert.deepEqual(ids(facts({ titles: ['UBSAN: array-index-out-of-bounds in alloc_pid'], functions: ['alloc_pid'] })), ['alloc-pid-ubsan-one-element-array']);
  const fsContext = facts({ titles: ['KASAN: slab-out-of-bounds in legacy_parse_param'], functions: ['legacy_parse_param'], release: '5.15.12' });
  assert.deepEqual(ids(fsContext), ['cve-2022-0185-legacy-parse-param']);
  assert.deepEqual(ids({ ...fsContext, release: '5.17.1' }), [], 'fixed in 5.17');
  const nft = facts({ titles: ['KASAN: double-free in nf_hook_slow'], release: '6.1.70' });
  assert.deepEqual(ids(nft), ['cve-2024-1086-nf-tables-verdict']);
  assert.deepEqual(ids({ ...nft, release: '6.8.0' }), []);
  assert.deepEqual(ids(facts({ titles: ['KASAN: slab-use-after-free Read in gsm_cleanup_mux'] })), ['cve-2023-6546-n-gsm-uaf']);
  assert.deepEqual(ids(facts({ titles: ['Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)'] })), ['vfs-unable-to-mount-root']);
  assert.deepEqual(ids(facts({ titles: ['Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000009'] })), ['attempted-to-kill-init']);
  assert.deepEqual(ids(facts({ log: '[ 1.0] mce: [Hardware Error]: CPU 0: Machine Check Exception: 5 Bank 4' })), ['fatal-machine-check']);
  assert.deepEqual(ids(facts({ triggers: ['softlockup-panic'] })), ['softlockup-panic']);
  assert.deepEqual(ids(facts({ triggers: ['hung-task-panic'] })), ['hung-task-panic']);
});

test('every condition is explained: frames in order, release range, taint, trigger, module', () => {
  const { rules, problems } = parseRuleFile('t.yml', `rules:
  - id: all-of-them
    summary: every condition at once
    link: https://example.org/x
    match:
      frames: [a, c]
      release: { from: '6.1', before: '6.2' }
      taint: OE
      trigger: [panic_on_oops]
      module: mymod
      type: [bug, oops]
      function: a
`);
  assert.deepEqual(problems, []);
  const rule = rules[0]!;
  const good = facts({ frames: ['a', 'b', 'c'], release: '6.1.9', taint: 'GOE', triggers: ['panic_on_oops'], modules: ['mymod'], types: ['bug'], functions: ['a'] });
  const yes = explainRule(rule, good);
  assert.equal(yes.matched, true);
  assert.deepEqual(yes.verdicts.map((v) => v.condition).sort(), ['frames', 'function', 'module', 'release', 'taint', 'trigger', 'type']);
  const no = explainRule(rule, { ...good, frames: ['c', 'a'], release: '6.2.0', taint: 'G' });
  assert.equal(no.matched, false);
  const why = Object.fromEntries(no.verdicts.map((v) => [v.condition, v]));
  assert.equal(why.frames?.ok, false);
  assert.match(why.release!.detail, /6\.2\.0 not in 6\.1\.\.6\.2/);
  assert.match(why.taint!.detail, /have "G", wanted "OE"/);
  assert.equal(why.module?.ok, true);
});

test('validation errors name the file and the line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdview-rules-'));
  writeFileSync(join(dir, 'a-yaml.yml'), 'rules:\n  - id: x\n    id: y\n');
  writeFileSync(join(dir, 'b-regex.yml'), 'rules:\n  - id: bad-regex\n    summary: a bad regular expression\n    link: https://example.org\n    match:\n      title: "in (foo"\n');
  writeFileSync(join(dir, 'c-key.yaml'), 'rules:\n  - id: unknown-key\n    summary: has a typo\n    link: https://example.org\n    match:\n      titel: foo\n');
  writeFileSync(join(dir, 'd-missing.yml'), 'rules:\n  - id: no-link\n    summary: has no link\n    match:\n      title: foo\n');
  writeFileSync(join(dir, 'e-dup.yml'), 'rules:\n  - id: twice\n    summary: first\n    link: https://example.org\n    match: { title: a }\n  - id: twice\n    summary: second\n    link: https://example.org\n    match: { title: b }\n');
  writeFileSync(join(dir, 'f-empty-match.yml'), 'rules:\n  - id: nothing\n    summary: no condition\n    link: https://example.org\n    match: {}\n');
  const set = await loadRules([dir]);
  const lines = set.problems.map(problemText).map((l) => l.slice(dir.length + 1));
  assert.ok(lines.some((l) => /^a-yaml\.yml:3: YAML: Map keys must be unique/.test(l)), lines.join('\n'));
  assert.ok(lines.includes('b-regex.yml:6: rules.0.match.title: not a valid regular expression'), lines.join('\n'));
  assert.ok(lines.some((l) => /^c-key\.yaml:6: rules\.0\.match: .*titel/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^d-missing\.yml:2: rules\.0\.link: /.test(l)), lines.join('\n'));
  assert.ok(lines.includes("e-dup.yml:6: rule id 'twice' is already used at e-dup.yml:2"), lines.join('\n'));
  assert.ok(lines.some((l) => /^f-empty-match\.yml:5: rules\.0\.match: a rule needs at least one condition/.test(l)), lines.join('\n'));
  // The good rule of e-dup.yml still loads.
  assert.deepEqual(set.rules.map((r) => r.id), ['twice']);
});

test('a user folder overrides a shipped rule of the same id; XDG_CONFIG_HOME decides where it is', async () => {
  assert.equal(userRulesDir({ XDG_CONFIG_HOME: '/cfg' }, '/home/u'), '/cfg/kdview/known-issues');
  assert.equal(userRulesDir({ XDG_CONFIG_HOME: 'relative' }, '/home/u'), '/home/u/.config/kdview/known-issues');
  const dir = mkdtempSync(join(tmpdir(), 'kdview-rules-user-'));
  writeFileSync(join(dir, 'mine.yml'), 'rules:\n  - id: sysrq-triggered-crash\n    summary: our own words for it\n    link: https://example.org/ours\n    match: { title: sysrq }\n');
  const set = await loadRules([shippedRulesDir(), dir]);
  assert.deepEqual(set.problems, []);
  assert.equal(set.rules.find((r) => r.id === 'sysrq-triggered-crash')?.summary, 'our own words for it');
});
