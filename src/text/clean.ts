import stripAnsi from 'strip-ansi';

// C0 controls except TAB and LF, DEL, and C1 controls.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const HAS_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * Applies carriage returns the way a terminal would: each segment after a CR
 * overwrites the line from column 0.
 */
function overlayCarriageReturns(line: string): string {
  if (!line.includes('\r')) return line;
  const segments = line.split('\r');
  let cells: string[] = [];
  for (const seg of segments) {
    const chars = Array.from(seg);
    if (chars.length >= cells.length) cells = chars;
    else for (let i = 0; i < chars.length; i++) cells[i] = chars[i] ?? ' ';
  }
  return cells.join('').trimEnd();
}

/** Applies backspaces: each BS removes the character before it. */
function applyBackspaces(line: string): string {
  if (!line.includes('\b')) return line;
  const out: string[] = [];
  for (const ch of line) {
    if (ch === '\b') out.pop();
    else out.push(ch);
  }
  return out.join('');
}

/**
 * Turns raw terminal bytes into plain text: ANSI sequences removed, CRLF to
 * LF, bare CRs overlaid, backspaces applied, other control bytes dropped.
 */
export function cleanTerminalText(raw: string): string {
  // Every escape sequence, CR and BS starts with one of these bytes: text without them is clean already
  // (crash's bulk files: megabytes of plain text).
  if (!HAS_CONTROL.test(raw)) return raw;
  const noAnsi = stripAnsi(raw).replace(/\r+\n/g, '\n');
  return noAnsi
    .split('\n')
    .map((line) => applyBackspaces(overlayCarriageReturns(line)).replace(CONTROLS, ''))
    .join('\n');
}

/**
 * Makes untrusted text (dump contents: log lines, COMM names) safe to put on
 * a terminal: escape sequences and control bytes removed, tabs kept.
 */
export function sanitizeForDisplay(text: string): string {
  return stripAnsi(text).replace(CONTROLS, (c) => (c === '\r' ? '' : '\uFFFD'));
}
