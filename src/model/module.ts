/** Output of crash `mod` (also `mod -s`, `mod -S`). */
export interface ModuleList {
  modules: KernelModule[];
}

export interface KernelModule {
  name: string;
  /** Address of struct module, hex without 0x. */
  address: string;
  /** Base (text) address, hex without 0x. */
  base: string;
  size: number;
  /** Object file crash loaded symbols from; absent when "(not loaded)". */
  object?: string;
  /** Whether crash has the module's debug symbols loaded. */
  loaded: boolean;
  /** Bracketed notes after the object column, e.g. ["CONFIG_KALLSYMS"]. */
  flags?: string[];
}
