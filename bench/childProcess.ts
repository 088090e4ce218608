/**
 * Parent side of the bench's child processes: forks a TypeScript entry under
 * tsx with an IPC channel, waits for typed messages with timeouts, and kills
 * every child it started (by pid) when the bench ends or crashes.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';

const live = new Set<ChildProcess>();
const alive = (p: ChildProcess): boolean => p.exitCode === null && p.signalCode === null;

function killAll(): void {
  for (const p of live) if (alive(p)) p.kill('SIGKILL');
  live.clear();
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });

/** A forked bench process speaking `In` messages to us and taking `Out` messages. */
export class Child<In extends { type: string }, Out extends { type: string }> {
  private readonly proc: ChildProcess;
  private readonly events = new EventEmitter();

  /**
   * Forks `script` (a .ts path) with tsx; its stdout/stderr go to ours. With
   * `profile` and BENCH_PROFILE=<dir> set, V8 writes a .cpuprofile there on exit.
   */
  constructor(script: string, args: string[] = [], profile = false) {
    const dir = process.env.BENCH_PROFILE;
    const prof = profile && dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
    this.proc = fork(script, args, {
      execArgv: ['--import', 'tsx', ...prof],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    live.add(this.proc);
    this.events.setMaxListeners(200);
    // Prefixed so a child's {type:'error'} never becomes EventEmitter's special 'error' event.
    this.proc.on('message', (m) => this.events.emit(`m:${(m as In).type}`, m));
    this.proc.on('exit', (code) => {
      live.delete(this.proc);
      this.events.emit('exit', code);
    });
  }

  send(msg: Out): void {
    if (this.proc.connected) this.proc.send(msg);
  }

  /** Calls `fn` for every message of that type; returns the unsubscribe function. */
  on<T extends In['type']>(type: T, fn: (m: Extract<In, { type: T }>) => void): () => void {
    const h = (m: Extract<In, { type: T }>): void => fn(m);
    this.events.on(`m:${type}`, h);
    return () => this.events.off(`m:${type}`, h);
  }

  /** The next message of that type; rejects on timeout, on an 'error' message or if the child exits. */
  next<T extends In['type']>(type: T, timeoutMs: number): Promise<Extract<In, { type: T }>> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.events.off(`m:${type}`, onMsg);
        this.events.off('m:error', onErr);
        this.events.off('exit', onExit);
      };
      const onMsg = (m: Extract<In, { type: T }>): void => (done(), resolve(m));
      const onErr = (m: { message: string }): void => (done(), reject(new Error(m.message)));
      const onExit = (code: number | null): void => (
        done(),
        reject(new Error(`child exited (${code}) waiting for ${type}`))
      );
      const timer = setTimeout(() => (done(), reject(new Error(`timed out waiting for ${type}`))), timeoutMs);
      this.events.once(`m:${type}`, onMsg);
      this.events.once('m:error', onErr);
      this.events.once('exit', onExit);
    });
  }

  /** Asks the child to stop, then kills it by pid if it has not exited within `graceMs`. */
  async stop(stopMsg: Out, graceMs = 1500): Promise<void> {
    if (!alive(this.proc)) return;
    const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
    this.send(stopMsg);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }
}
