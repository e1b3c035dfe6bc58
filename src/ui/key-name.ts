// Turns Ink's (input, key) pair into the names the keymap uses.
import type { Key } from 'ink';

export function keyName(input: string, key: Key): string | undefined {
  if (key.ctrl && input === 'c') return 'ctrl+c';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.pageDown) return 'pagedown';
  if (key.pageUp) return 'pageup';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return 'tab';
  if (input === ' ') return 'space';
  if (input.length === 1) return input;
  return undefined;
}
