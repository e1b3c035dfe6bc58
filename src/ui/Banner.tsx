import { Text } from 'ink';
import React from 'react';
import type { Banner as BannerT } from '../tui/state.js';
import { color, safe } from './theme.js';

function BannerView({ banner, width }: { banner: BannerT | undefined; width: number }): React.ReactElement | null {
  if (!banner) return null;
  const c = banner.level === 'error' ? 'red' : banner.level === 'warn' ? 'yellow' : 'cyan';
  return (
    <Text color={color(c)} bold>
      {banner.level === 'error' ? '✖ ' : banner.level === 'warn' ? '⚠ ' : 'ℹ '}
      {safe(banner.text, width - 3)}
    </Text>
  );
}

/** Drawn again only when the banner or the width changes. */
export const Banner = React.memo(BannerView);
