/** Output of crash `kmem -i`. */
export interface MemoryInfo {
  rows: MemoryRow[];
}

export interface MemoryRow {
  /** Row label as printed, e.g. "TOTAL MEM", "FREE", "COMMIT LIMIT". */
  name: string;
  pages?: number;
  /** TOTAL column as printed, e.g. "479.9 MB". */
  total?: string;
  /** TOTAL in bytes (approximate: crash rounds). */
  bytes?: number;
  /** The N of "N% of ...". */
  percent?: number;
  /** What the percentage is of, e.g. "TOTAL MEM". */
  of?: string;
}
