import { render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { InviteQr } from '../../../../src/ui/circles/InviteQr';
import { qrMatrix, qrPath } from '../../../../src/ui/common/qrMatrix';
import { cleanup } from '../../../fixtures/renderVada';

afterEach(cleanup);

const LINK = `https://vada.example/#join=${'e'.repeat(400)}`;

describe('invite QR codes', () => {
  it('encodes a link at error correction M with the three finder patterns', () => {
    const m = qrMatrix(LINK);
    expect(m).toBeDefined();
    // 427 bytes at level M need version 16 (81 modules); L would use 73 modules, Q 93, H 105.
    expect(m!.size).toBe(81);
    for (const [r, c] of [
      [0, 0],
      [0, m!.size - 7],
      [m!.size - 7, 0],
    ] as const) {
      // A finder pattern: a dark 7×7 ring around a light ring around a dark 3×3 core.
      expect(m!.isDark(r, c) && m!.isDark(r + 6, c + 6) && m!.isDark(r + 3, c + 3)).toBe(true);
      expect(m!.isDark(r + 1, c + 1)).toBe(false);
    }
  });

  it('draws one square per dark module inside the quiet zone', () => {
    const m = qrMatrix('https://vada.example/#join=abc')!;
    let dark = 0;
    for (let r = 0; r < m.size; r++) for (let c = 0; c < m.size; c++) if (m.isDark(r, c)) dark++;
    const path = qrPath(m, 4);
    expect(path.match(/h1v1h-1z/g)).toHaveLength(dark);
    expect(path.startsWith('M4 4h1v1h-1z')).toBe(true);
  });

  it('renders the code as SVG elements and says so in words when the text is too long for any QR version', () => {
    render(() => <InviteQr link={LINK} />);
    const svg = screen.getByTestId('invite-qr');
    expect(svg).toHaveAttribute('viewBox', '0 0 89 89');
    expect(svg).toHaveAttribute('aria-label', 'QR code of the invite link');
    cleanup();

    expect(qrMatrix('x'.repeat(3000))).toBeUndefined();
    render(() => <InviteQr link={'x'.repeat(3000)} />);
    expect(screen.queryByTestId('invite-qr')).toBeNull();
    expect(screen.getByTestId('invite-qr-too-long')).toHaveTextContent('too long for a QR code');
  });
});
