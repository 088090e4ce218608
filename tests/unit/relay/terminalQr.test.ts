/**
 * The terminal QR code: turned back into pixels (a drawn half block is
 * light), it decodes to the address it was made of, module for module the
 * same code as qrcode-generator's, with and without ANSI colours.
 */
import jsQR from 'jsqr';
import qrcode from 'qrcode-generator';
import { describe, expect, it } from 'vitest';
import { QR_MARGIN, terminalQr } from '../../../relay/terminalQr';

/** Module rows (true = light) read back from the half-block lines. */
function modulesOf(lines: readonly string[]): boolean[][] {
  const rows: boolean[][] = [];
  for (const line of lines) {
    const chars = [...line];
    rows.push(chars.map((ch) => ch === '█' || ch === '▀'));
    rows.push(chars.map((ch) => ch === '█' || ch === '▄'));
  }
  return rows;
}

/** RGBA pixels, `scale` per module, light modules white, for jsQR. */
function pixelsOf(
  rows: readonly boolean[][],
  scale: number,
): { data: Uint8ClampedArray; width: number; height: number } {
  const width = (rows[0]?.length ?? 0) * scale;
  const height = rows.length * scale;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = rows[Math.floor(y / scale)]?.[Math.floor(x / scale)] ? 255 : 0;
      data.set([v, v, v, 255], (y * width + x) * 4);
    }
  return { data, width, height };
}

const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex

describe('terminal QR code', () => {
  const url = 'https://192.168.43.12:8765/';

  it('decodes to the address', () => {
    const lines = terminalQr(url);
    expect(lines).toBeDefined();
    const { data, width, height } = pixelsOf(modulesOf(lines!), 4);
    expect(jsQR(data, width, height)?.data).toBe(url);
  });

  it('draws every module of the code, light ones as blocks, inside a light margin', () => {
    const qr = qrcode(0, 'M');
    qr.addData(url, 'Byte');
    qr.make();
    const size = qr.getModuleCount();
    const rows = modulesOf(terminalQr(url)!);
    const side = size + 2 * QR_MARGIN;
    expect(rows[0]).toHaveLength(side);
    for (let r = 0; r < side; r++)
      for (let c = 0; c < side; c++) {
        const inside = r >= QR_MARGIN && r < QR_MARGIN + size && c >= QR_MARGIN && c < QR_MARGIN + size;
        const light = !inside || !qr.isDark(r - QR_MARGIN, c - QR_MARGIN);
        expect(rows[r]?.[c], `module ${r},${c}`).toBe(light);
      }
    // Two module rows per line: half as many lines as rows, rounded up.
    expect(terminalQr(url)).toHaveLength(Math.ceil(side / 2));
  });

  it('with colour, wraps each line in white-on-black and draws the same code', () => {
    const plain = terminalQr(url)!;
    const colored = terminalQr(url, true)!;
    for (const line of colored) expect(line).toMatch(/^\x1b\[97;40m.*\x1b\[0m$/); // eslint-disable-line no-control-regex
    expect(colored.map(stripAnsi)).toEqual(plain);
  });

  it('gives up on text too long for any QR version', () => {
    expect(terminalQr('x'.repeat(3000))).toBeUndefined();
  });
});
