/**
 * Writes a pack (writePack's ordered parts) to disk without holding it in
 * memory: the parts go one by one into a temporary file next to the target
 * (Blob parts, slices of the fetched tiles, are read one at a time), which is
 * synced and then renamed over the target, so a crash never leaves a
 * half-written .pmtiles behind under the final name.
 */
import { open, rename, rm } from 'node:fs/promises';

/** Writes `parts` in order to `file` (through `file`.tmp); returns the bytes written. */
export async function writePackFile(parts: readonly (Uint8Array | Blob)[], file: string): Promise<number> {
  const temp = `${file}.tmp`;
  const handle = await open(temp, 'w');
  let written = 0;
  try {
    for (const part of parts) {
      if (part instanceof Uint8Array) {
        await handle.writeFile(part);
        written += part.length;
      } else {
        const reader = part.stream().getReader();
        for (let r = await reader.read(); !r.done; r = await reader.read()) {
          await handle.writeFile(r.value);
          written += r.value.length;
        }
      }
    }
    await handle.sync();
  } catch (e) {
    await handle.close();
    await rm(temp, { force: true });
    throw e;
  }
  await handle.close();
  await rename(temp, file);
  return written;
}
