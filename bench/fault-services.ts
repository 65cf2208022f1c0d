/**
 * The faults run's own services (bench/faults.ts): a PostgreSQL cluster initialised in a temporary directory and a
 * redis-server, on ports of their own, that the scenarios stop and start at will.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './processes';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const PG_PORT = Number(process.env.FAULTS_PG_PORT ?? 5442);
export const REDIS_PORT = Number(process.env.FAULTS_REDIS_PORT ?? 6390);

/** Runs a PostgreSQL binary as the postgres OS user (initdb and pg_ctl refuse root). */
function asPostgres(binary: string, args: string[]) {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, binary), ...args]]
    : [join(PG_BIN, binary), args];
  return execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

export class PostgresCluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'coord-faults-pg-'));
  private readonly data = join(this.dir, 'data');
  init() {
    execFileSync('chown', ['postgres', this.dir]);
    asPostgres('initdb', ['-D', this.data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    this.start();
  }
  start() {
    asPostgres('pg_ctl', [
      '-D',
      this.data,
      '-l',
      join(this.dir, 'log'),
      '-w',
      '-o',
      `-p ${PG_PORT} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  }
  stop() {
    asPostgres('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
  }
  destroy() {
    try {
      this.stop();
    } catch {
      /* already stopped */
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class RedisServer {
  private child?: ReturnType<typeof spawn>;
  async start() {
    this.child = spawn('redis-server', ['--port', String(REDIS_PORT), '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await waitFor(async () => this.ping(), 10_000, 'redis-server to start');
  }
  ping(): boolean {
    try {
      return (
        execFileSync('redis-cli', ['-p', String(REDIS_PORT), 'ping'])
          .toString()
          .trim() === 'PONG'
      );
    } catch {
      return false;
    }
  }
  async stop() {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child!.once('exit', resolve));
    this.child.kill('SIGKILL'); // an abrupt loss: nothing saved, every queued job gone
    await exited;
  }
}
