import 'reflect-metadata';
import cluster from 'node:cluster';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppConfig, loadConfigOrExit } from '@coord/core';
import { configureHttp, PlatformModule } from '@coord/platform';
import { Logger } from 'nestjs-pino';

/** The API process: GraphQL at /graphql, the IDE at /graphql in a browser, GET /health. Wiring only. */
async function bootstrap(config: AppConfig) {
  const app = await NestFactory.create(PlatformModule.forRoot({ config }), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  configureHttp(app, config);
  await app.listen(config.PORT, '0.0.0.0');
  app.get(Logger).log(`API ready at ${config.PUBLIC_URL}/graphql (health: ${config.PUBLIC_URL}/health)`);
}

/** Delay before replacing a process that died, doubling on each death in a row up to the maximum. */
const RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 30_000;
/** Stopping: processes still running after this are killed. */
const STOP_TIMEOUT_MS = 30_000;

/**
 * API_PROCESSES > 1: this process only supervises that many API processes sharing the port (node:cluster,
 * connections handed out in turn). If one of the first ones cannot boot (bad configuration, database missing),
 * all stop and this process exits 1. Later, one that dies is replaced after a delay that grows while deaths
 * follow each other (a database outage must not make it spin). SIGTERM / SIGINT stop them all gracefully (each
 * finishes its requests; killed after 30 s) and then this process, with exit code 0.
 */
function supervise(count: number) {
  const execArgv = [...process.execArgv];
  // A GraphQL response allocates many short-lived objects (a body page: ~100 kB of JSON from a few thousand
  // resolved fields): a larger young generation halves the time spent collecting them (+25-30 % requests/s on the
  // body page, bench/README.md). Set NODE_OPTIONS=--max-semi-space-size=64 for a single process.
  if (!`${execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`.includes('semi-space')) {
    execArgv.push('--max-semi-space-size=64');
  }
  // Run from the TypeScript sources (scripts/run.js): the API processes need the same compile hook.
  if (__filename.endsWith('.ts')) execArgv.push('--require', join(__dirname, '../../../scripts/register.js'));
  cluster.setupPrimary({ execArgv });
  let stopping = false;
  let booted = 0;
  let restartDelay = RESTART_DELAY_MS;
  const listening = new Set<number>();
  const alive = () => Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead()).length;
  const stopAll = (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    process.exitCode = exitCode;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit();
    }, STOP_TIMEOUT_MS).unref();
    if (alive() === 0) process.exit();
  };
  cluster.on('listening', (worker) => {
    listening.add(worker.id);
    booted = Math.max(booted, listening.size);
    restartDelay = RESTART_DELAY_MS;
  });
  cluster.on('exit', (worker, code, signal) => {
    const wasListening = listening.delete(worker.id);
    if (stopping) {
      if (alive() === 0) process.exit();
      return;
    }
    if (!wasListening && booted < count) {
      console.error(`API process ${worker.process.pid} exited during start-up (${signal ?? code}): stopping`);
      stopAll(1);
      return;
    }
    console.error(`API process ${worker.process.pid} exited (${signal ?? code}): a new one in ${restartDelay} ms`);
    setTimeout(() => stopping || cluster.fork(), restartDelay);
    restartDelay = Math.min(restartDelay * 2, MAX_RESTART_DELAY_MS);
  });
  process.on('SIGTERM', () => stopAll(0));
  process.on('SIGINT', () => stopAll(0));
  for (let i = 0; i < count; i++) cluster.fork();
}

const config = loadConfigOrExit();
if (config.API_PROCESSES > 1 && cluster.isPrimary) {
  supervise(config.API_PROCESSES);
} else {
  bootstrap(config).catch((error) => {
    console.error(`API failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
