/**
 * `npm start` / `npm run relay`: parses the command line, starts the relay,
 * prints where it listens (with TLS: the https addresses for phones, the
 * certificate fingerprint and a QR code), and shuts down cleanly (journal flushed and synced,
 * sockets closed) on SIGINT or SIGTERM so a restart loses nothing.
 */
import { networkInterfaces } from 'node:os';
import { parseCliArgs, USAGE } from './cliArgs';
import { urlAddresses } from './lanAddresses';
import { startBanner } from './startBanner';

async function main(): Promise<void> {
  const cli = parseCliArgs(process.argv.slice(2), process.env);
  if (cli.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (cli.kind === 'error') {
    process.stderr.write(`${cli.message}\nRun with --help for the options.\n`);
    process.exit(2);
  }
  const log = (line: string) => console.log(`[relay] ${line}`);
  // Loaded only now, so --help and usage errors do not load GUN.
  const { startRelay } = await import('./startRelay');
  const relay = await startRelay({ ...cli.options, log });
  console.log(`Vada relay listening on ${relay.url} (gun: ${relay.gunUrl})`);
  if (relay.servingApp) console.log(`Open ${relay.url} in a browser`);
  const banner = startBanner({
    host: cli.options.host ?? '127.0.0.1',
    port: relay.port,
    lan: urlAddresses(networkInterfaces()),
    ...(relay.tls ? { tls: relay.tls } : {}),
    now: new Date(),
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
    packs: relay.packs.map((p) => ({
      file: p.file,
      url: p.url,
      name: p.info.name,
      minZoom: p.info.minZoom,
      maxZoom: p.info.maxZoom,
      tiles: p.info.tiles,
      bytes: p.size,
    })),
  });
  for (const line of banner) console.log(line);

  let stopping = false;
  const stop = (why: string) => {
    if (stopping) {
      log(`${why} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    relay.close().then(
      () => {
        const s = relay.stats();
        log(
          `stopped (${why}); ${s.stored} records stored, ${s.accepted} accepted and ${s.refusedTotal} refused this run`,
        );
        process.exit(0);
      },
      (e: unknown) => {
        log(`shutdown failed: ${String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Started by a parent with an IPC channel (test fixtures): do not outlive it.
  if (process.send) process.on('disconnect', () => stop('parent gone'));
}

main().catch((e: unknown) => {
  console.error(`Vada relay failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
