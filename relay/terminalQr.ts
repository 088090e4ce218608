/**
 * A QR code drawn in the terminal with Unicode half blocks (two module rows
 * per text line), so a phone's camera can open the relay's address from the
 * operator's screen instead of someone typing an IP address and port. The
 * light modules are the drawn ones: terminals are usually light text on
 * dark, and a QR code must be dark on light. With `color`, each line is also
 * forced to white on black with ANSI codes, so it reads on light terminals too.
 */
import qrcode from 'qrcode-generator';

/** Light modules around the code (readers need a light border). */
export const QR_MARGIN = 2;

const BLOCK = { both: '█', top: '▀', bottom: '▄', none: ' ' } as const;

/** The lines of a QR code of `text` (error correction M), or undefined when it does not fit any QR version. */
export function terminalQr(text: string, color = false): string[] | undefined {
  const qr = qrcode(0, 'M');
  try {
    qr.addData(text, 'Byte');
    qr.make();
  } catch {
    return undefined;
  }
  const size = qr.getModuleCount();
  const side = size + 2 * QR_MARGIN;
  // Inside the code: light where the module is not dark; the margin is light; beyond the last row: nothing.
  const light = (r: number, c: number) => {
    if (r >= side) return false;
    const row = r - QR_MARGIN;
    const col = c - QR_MARGIN;
    const inside = row >= 0 && row < size && col >= 0 && col < size;
    return !inside || !qr.isDark(row, col);
  };
  const lines: string[] = [];
  for (let r = 0; r < side; r += 2) {
    let line = '';
    for (let c = 0; c < side; c++) {
      const top = light(r, c);
      const bottom = light(r + 1, c);
      line += top && bottom ? BLOCK.both : top ? BLOCK.top : bottom ? BLOCK.bottom : BLOCK.none;
    }
    lines.push(color ? `\x1b[97;40m${line}\x1b[0m` : line);
  }
  return lines;
}
