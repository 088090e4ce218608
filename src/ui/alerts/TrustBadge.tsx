/**
 * A trust level at a glance: icon, word, report count and border style all
 * differ by level (solid seal / double / dashed question), never colour alone.
 */
import type { JSX } from 'solid-js';
import type { Trust } from '../../domain';
import { TRUST_ICON, trustExplain, trustText } from './alertText';

export function TrustBadge(props: { trust: Trust; reports: number }): JSX.Element {
  return (
    <span
      class={`trust trust-${props.trust}`}
      data-testid="trust-badge"
      data-trust={props.trust}
      title={trustExplain(props.trust)}
    >
      <span class="trust-icon" aria-hidden="true">
        {TRUST_ICON[props.trust]}
      </span>{' '}
      {trustText(props.trust, props.reports)}
    </span>
  );
}
