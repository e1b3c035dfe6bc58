// Colours, or none at all under NO_COLOR.
import { sanitizeForDisplay } from '../text/clean.js';

export const noColor = (): boolean => process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';

/** A colour name, or undefined under NO_COLOR. */
export function color(name: string): string | undefined {
  return noColor() ? undefined : name;
}

/** Dump text made safe for the terminal, cut to a width. */
export function safe(text: string, width?: number): string {
  const t = sanitizeForDisplay(text).replace(/\t/g, '  ').replace(/\n/g, ' ⏎ ');
  return width !== undefined && t.length > width ? `${t.slice(0, Math.max(0, width - 1))}…` : t;
}

export const LEVEL_COLORS: Record<number, string> = { 0: 'red', 1: 'red', 2: 'red', 3: 'red', 4: 'yellow', 5: 'cyan', 6: 'white', 7: 'gray' };
export const STATE_COLORS: Record<string, string> = { RU: 'green', UN: 'red', ZO: 'magenta', ST: 'yellow', TR: 'yellow', DE: 'magenta' };
