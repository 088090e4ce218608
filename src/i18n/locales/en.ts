/**
 * English, the reference catalogue: its keys define MessageKey. Other
 * languages are files next to this one, typed `Catalogue`, registered in
 * ../locales.ts. `{name}` is a placeholder; plural forms are chosen by `{count}`.
 *
 * English is written in two files so the entry chunk carries only what the
 * first screen shows: ../enFirstScreen.ts (in the entry) and ../enRest.ts
 * (its own chunk, see ../t.ts). This file joins them for the types, the
 * tests and tools; app code in the entry must not import it (it would pull
 * the rest into the entry).
 */
import { enFirstScreen } from '../enFirstScreen';
import { enRest } from '../enRest';

export const en = { ...enFirstScreen, ...enRest } as const;

export default en;
