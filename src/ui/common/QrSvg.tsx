/**
 * A QR module matrix drawn as one SVG path built with Solid JSX (an attribute
 * value, never markup), with the quiet zone the QR specification asks for.
 * Shared by circle invites and hand-over bundles.
 */
import type { JSX } from 'solid-js';
import { qrPath, type QrMatrix } from './qrMatrix';

/** The quiet zone around the code, in modules. */
const MARGIN = 4;

export function QrSvg(props: { matrix: QrMatrix; label: string; class: string; testId: string }): JSX.Element {
  const side = () => props.matrix.size + 2 * MARGIN;
  return (
    <svg
      class={props.class}
      data-testid={props.testId}
      data-modules={props.matrix.size}
      role="img"
      aria-label={props.label}
      viewBox={`0 0 ${side()} ${side()}`}
      shape-rendering="crispEdges"
    >
      <rect width={side()} height={side()} fill="#ffffff" />
      <path d={qrPath(props.matrix, MARGIN)} fill="#000000" />
    </svg>
  );
}
