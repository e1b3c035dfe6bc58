// The known-issue matcher the Summary uses, provided by the CLI (rules are files).
import { createContext } from 'react';
import type { KnownMatcher } from '../tui/known.js';

export const KnownContext = createContext<KnownMatcher | undefined>(undefined);
