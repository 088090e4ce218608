/**
 * The decompression the pmtiles library is given for directories and
 * metadata: gzip through the platform's DecompressionStream, stopped as soon
 * as the output passes a cap. A hostile pack can hide a "gzip bomb" (a few KB
 * that inflate to gigabytes) in a directory; the library's default inflates
 * it whole, this one refuses it with PackProblem('too-large').
 */
import { Compression, type DecompressFunc } from 'pmtiles';
import { PackProblem } from '../domain/packProblem';

/** A DecompressFunc that accepts None/Unknown (as is) and Gzip, never returning more than `cap` bytes. */
export function boundedDecompress(cap: number): DecompressFunc {
  return async (buf, compression) => {
    if (compression === Compression.None || compression === Compression.Unknown) {
      if (buf.byteLength > cap) throw new PackProblem('too-large', `${buf.byteLength} bytes`);
      return buf;
    }
    if (compression !== Compression.Gzip) throw new PackProblem('bad-header', `compression ${compression}`);
    const reader = new Blob([buf]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > cap) {
        await reader.cancel().catch(() => undefined);
        throw new PackProblem('too-large', `inflates past ${cap} bytes`);
      }
      chunks.push(value);
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out.buffer;
  };
}
