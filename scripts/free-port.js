// Prints a TCP port free on 127.0.0.1: the one asked for when it is free, else one the system picks.
// npm start uses it for its mail catcher, so that another local catcher on 1025/1080 does not stop it.
// Usage: node scripts/free-port.js <preferred port> [<port to avoid>...]
const net = require('node:net');

const [preferred, ...avoid] = process.argv.slice(2).map(Number);

function listen(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}

(async () => {
  let port = preferred > 0 ? await listen(preferred) : undefined;
  while (!port || avoid.includes(port)) port = await listen(0);
  process.stdout.write(`${port}\n`);
})();
