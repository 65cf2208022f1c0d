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

/** A process that dies sooner than this after starting is failing to boot: stop rather than restart it forever. */
const MIN_UPTIME_MS = 10_000;

/**
 * API_PROCESSES > 1: this process only supervises that many API processes sharing the port (node:cluster,
 * connections handed out in turn). One that dies is replaced; one that cannot boot stops them all (exit 1);
 * SIGTERM / SIGINT stop them all gracefully (each finishes its requests) and then this process.
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
  const started = new Map<number, number>();
  const fork = () => {
    const worker = cluster.fork();
    started.set(worker.id, Date.now());
  };
  cluster.on('exit', (worker, code, signal) => {
    const uptime = Date.now() - (started.get(worker.id) ?? 0);
    started.delete(worker.id);
    if (stopping) {
      if (started.size === 0) process.exit(0);
      return;
    }
    if (uptime < MIN_UPTIME_MS) {
      console.error(`API process ${worker.process.pid} exited during start-up (${signal ?? code}): stopping`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exitCode = 1;
      if (started.size === 0) process.exit(1);
      return;
    }
    console.error(`API process ${worker.process.pid} exited (${signal ?? code}): starting a new one`);
    fork();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    if (started.size === 0) process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  for (let i = 0; i < count; i++) fork();
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
