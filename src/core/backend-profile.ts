// The backend profiles by name (each complete in core/profiles/).
import { CRASH_PROFILE } from './profiles/crash.js';
import { DRGN_PROFILE } from './profiles/drgn.js';
import type { BackendName, BackendProfile } from './profiles/profile.js';

export type { BackendName, BackendProfile } from './profiles/profile.js';
export { CRASH_PROFILE } from './profiles/crash.js';
export { DRGN_PROFILE } from './profiles/drgn.js';

export const PROFILES: readonly BackendProfile[] = [CRASH_PROFILE, DRGN_PROFILE];

export function profileFor(name: BackendName): BackendProfile {
  return name === 'drgn' ? DRGN_PROFILE : CRASH_PROFILE;
}

/** The profile whose command this is: drgn's kdview:* requests, else crash. */
export function profileOfCommand(command: string): BackendProfile {
  return DRGN_PROFILE.owns(command) ? DRGN_PROFILE : CRASH_PROFILE;
}
