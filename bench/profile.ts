/**
 * `node scripts/run.js bench/profile.ts <title> <out.md> <file.cpuprofile>...`
 *
 * Summarises V8 CPU profiles (written by `npm run bench -- --cpu-prof DIR`, one per API process) as a Markdown
 * "flat flame graph": self time by package or source area, and the hottest functions. The .cpuprofile files
 * themselves open in Chrome DevTools or speedscope for the full flame graph.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code comes from: an npm package, a part of this repository, or V8 itself. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native / V8 builtins)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const repo = /\/(libs\/[^/]+|apps\/[^/]+)\//.exec(url);
  if (repo) return repo[1];
  return url.split('/').slice(-2).join('/');
}

function main() {
  const [title, out, ...files] = process.argv.slice(2);
  if (!out || files.length === 0) throw new Error('usage: bench/profile.ts <title> <out.md> <file.cpuprofile>...');
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      const node = nodes.get(id);
      if (!node) return;
      const { functionName, url, lineNumber } = node.callFrame;
      const a = area(url, functionName);
      total += ms;
      byArea.set(a, (byArea.get(a) ?? 0) + ms);
      const key = `${functionName || '(anonymous)'} ${a}${url ? `:${lineNumber + 1}` : ''}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    });
  }
  const pct = (ms: number) => `${((ms / total) * 100).toFixed(1)} %`;
  const top = (map: Map<string, number>, n: number) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  const lines = [
    `# CPU profile: ${title}`,
    '',
    `${files.length} profile(s), ${(total / 1000).toFixed(1)} s of samples (idle included).`,
    '',
    '## Self time by area',
    '',
    '| Area | Self time | Share |',
    '| ---- | --------: | ----: |',
    ...top(byArea, 25).map(([k, ms]) => `| ${k} | ${(ms / 1000).toFixed(2)} s | ${pct(ms)} |`),
    '',
    '## Hottest functions (self time)',
    '',
    '| Function | Self time | Share |',
    '| -------- | --------: | ----: |',
    ...top(byFunction, 30).map(([k, ms]) => `| \`${k}\` | ${(ms / 1000).toFixed(2)} s | ${pct(ms)} |`),
    '',
  ];
  writeFileSync(out, lines.join('\n'));
  console.log(lines.slice(0, 30).join('\n'));
}

main();
