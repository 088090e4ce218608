/**
 * The QR code of a text as a module matrix (the only user of qrcode-generator).
 * The caller draws it with DOM/SVG elements: the library's HTML/SVG string
 * builders are never used, so nothing here becomes markup.
 */
import qrcode from 'qrcode-generator';

export interface QrMatrix {
  /** Modules per side. */
  readonly size: number;
  isDark(row: number, col: number): boolean;
}

/**
 * How the text is packed: `Byte` for any text (links), `Alphanumeric` for text
 * in QR's 45-character alphabet (0-9 A-Z space $%*+-./:), such as bundle parts,
 * which takes about a third fewer modules.
 */
export type QrMode = 'Byte' | 'Alphanumeric';

/**
 * Error correction M (about 15 % of the code may be damaged or covered), the
 * smallest version that fits. Undefined when the text does not fit any QR
 * version (then the link alone must do) or has a character outside the mode.
 */
export function qrMatrix(text: string, mode: QrMode = 'Byte'): QrMatrix | undefined {
  const qr = qrcode(0, 'M');
  try {
    qr.addData(text, mode);
    qr.make();
  } catch {
    return undefined;
  }
  return { size: qr.getModuleCount(), isDark: (r, c) => qr.isDark(r, c) };
}

/** One SVG path drawing every dark module as a 1×1 square, offset by a quiet zone of `margin` modules. */
export function qrPath(m: QrMatrix, margin: number): string {
  const parts: string[] = [];
  for (let r = 0; r < m.size; r++)
    for (let c = 0; c < m.size; c++) if (m.isDark(r, c)) parts.push(`M${c + margin} ${r + margin}h1v1h-1z`);
  return parts.join('');
}
