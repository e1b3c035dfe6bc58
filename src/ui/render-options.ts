// How the TUI is drawn in a terminal, shared by the CLI and the bench so the
// bench measures what users get. Like htop and lazygit: the alternate screen
// (quitting restores the user's terminal), only changed lines rewritten.
import type { RenderOptions } from 'ink';

export const TUI_RENDER_OPTIONS = {
  exitOnCtrlC: false,
  // A TTY was checked: draw interactively even where CI=true (Ink would otherwise only print the last frame).
  interactive: true,
  maxFps: 60,
  alternateScreen: true,
  incrementalRendering: true,
} as const satisfies RenderOptions;
