/**
 * `npm run pack -- --bbox W,S,E,N --zoom 10-16 --from URL --out city.pmtiles`:
 * builds a raster map pack (PMTiles) from a tile server that permits bulk
 * downloads, politely (two requests at a time, Retry-After honoured) and
 * resumably, for a hotspot relay (`--tiles-pack`) or for phones to import.
 * Exit code 2: refused before any request (usage, OpenStreetMap's servers,
 * too many tiles); 1: failed while fetching or writing (a rerun resumes).
 */
import { readFileSync } from 'node:fs';
import { buildPack, PackBuildError } from './pack/buildPack';
import { PACK_USAGE, parsePackArgs } from './pack/packArgs';
import { PartialMismatch } from './pack/partialStore';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;
const USER_AGENT = `Vada-pack/${version} (Vada map pack builder, npm run pack; at most 2 requests at a time)`;

async function main(): Promise<number> {
  const cli = parsePackArgs(process.argv.slice(2));
  if (cli.kind === 'help') {
    process.stdout.write(PACK_USAGE);
    return 0;
  }
  if (cli.kind === 'error') {
    process.stderr.write(`${cli.message}\nRun with --help for the options.\n`);
    return 2;
  }
  try {
    const r = await buildPack(cli.args, { print: (line) => console.log(line), userAgent: USER_AGENT });
    const { info } = r;
    console.log(
      `Wrote ${r.file}: ${info.tiles} tiles, zoom ${info.minZoom}-${info.maxZoom}, ${info.bytes} bytes, ${info.tileType}` +
        (r.missing > 0 ? ` (${r.missing} tiles the server did not have)` : ''),
    );
    if (!cli.args.attribution) console.log('No --attribution given: the map will show none. Check the tile terms.');
    return 0;
  } catch (e) {
    if (e instanceof PackBuildError) {
      console.error(e.message);
      return e.exitCode;
    }
    if (e instanceof PartialMismatch) {
      console.error(e.message);
      return 2;
    }
    console.error(`Pack failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
