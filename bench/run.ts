/**
 * `npm run bench`: the relay hop of Vada against a raw `ws` broadcast relay
 * (the floor) and a stock GUN relay, for 1/10/50 subscribers, paced and burst;
 * then a fresh client's sync of 1,000 points and each relay's RSS. Prints the
 * table and the target check; writes bench/results/relay-hop.json (rows only)
 * and bench/results/relay-summary.json (sync, memory, CPU, diagnostics).
 *
 * Flags (for debugging a subset; the files then get a `partial-` prefix):
 * --relays=raw-ws,vada --subs=1,10 --patterns=paced --points=200
 * --sync=1000 (0 skips) --wire=1,10,50 (subscriber counts where Vada is also measured at arrival
 * on the socket; default: every count; '' skips) --sub-procs=2.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { machineConditions, runBench, startBench, writeResult } from './benchRun';
import { PATTERNS, RELAY_KINDS, type Pattern, type RelayKind } from './benchTypes';
import { checkTarget, formatTable } from './report';
import { LOST_AFTER_MS, SUBSCRIBER_PROCESSES } from './runHopScenario';
import { runRelaySuite, type SuiteResult } from './runRelaySuite';

const { values } = parseArgs({
  options: {
    relays: { type: 'string', default: RELAY_KINDS.join(',') },
    subs: { type: 'string', default: '1,10,50' },
    patterns: { type: 'string', default: PATTERNS.join(',') },
    points: { type: 'string', default: '200' },
    sync: { type: 'string', default: '1000' },
    wire: { type: 'string' },
    'sub-procs': { type: 'string', default: String(SUBSCRIBER_PROCESSES) },
  },
});
const list = (s: string): string[] => s.split(',').filter(Boolean);
const relays = list(values.relays).filter((k): k is RelayKind => (RELAY_KINDS as readonly string[]).includes(k));
const patterns = list(values.patterns).filter((p): p is Pattern => (PATTERNS as readonly string[]).includes(p));
const options = {
  subscribers: list(values.subs).map(Number),
  patterns,
  points: Number(values.points),
  syncCount: Number(values.sync),
  wireAt: list(values.wire ?? values.subs).map(Number),
  subscriberProcesses: Math.max(1, Number(values['sub-procs'])),
};
/** A run of a subset must not overwrite the full results. */
const full = ['relays', 'subs', 'patterns', 'points', 'wire', 'sync', 'sub-procs'].every((k) =>
  process.argv.every((a) => !a.startsWith(`--${k}`)),
);
const prefix = full ? '' : 'partial-';

async function main(): Promise<void> {
  const start = startBench();
  console.log(
    `relay-hop bench: ${options.points} points, subscribers ${options.subscribers.join('/')}, ${cpus().length} cores, load ${start.load.join(' ')}`,
  );
  console.log(
    `subscribers spread over ${options.subscriberProcesses} processes; each relay in its own process; lost = not received ${LOST_AFTER_MS / 1000} s after the last send`,
  );
  const suites: SuiteResult[] = [];
  for (const kind of relays) suites.push(await runRelaySuite(kind, options));
  const rows = suites.flatMap((s) => s.rows);

  console.log(`\n${formatTable(rows)}\n`);
  for (const { summary: s } of suites) {
    const sync = s.freshSync ? `${s.freshSync.got}/${s.freshSync.count} in ${s.freshSync.ms ?? '—'} ms` : 'skipped';
    console.log(
      `${s.relay.padEnd(10)} fresh client sync ${sync}; relay RSS ${s.rssStartMB} MB at start → ${s.rssAfterMB} MB after (JS heap ${s.heapAfterMB} MB)`,
    );
  }
  console.log(
    '\nat: received = the point in the client (raw-ws: JSON parsed; stock GUN: map().on); arrival = Vada frame at the subscriber socket, before GUN parses it; verified = Vada onRecord (id, signature, time, decryption)',
  );
  const target = checkTarget(rows);
  console.log(`\n${target.lines.join('\n')}`);

  writeResult(`${prefix}relay-hop.json`, rows);
  writeResult(`${prefix}relay-summary.json`, {
    conditions: {
      ...machineConditions(start),
      points: options.points,
      subscriberProcesses: options.subscriberProcesses,
      lostAfterMs: LOST_AFTER_MS,
    },
    relays: suites.map((s) => s.summary),
    target,
    cpu: suites.flatMap((s) => s.diags),
  });
}

runBench(main);
