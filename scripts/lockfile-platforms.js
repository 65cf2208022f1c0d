#!/usr/bin/env node
// The npm registry reachable from our machines serves only the Linux builds of packages that ship native
// binaries per platform (@swc/core-*, @msgpackr-extract/*, ...). `npm install` then leaves those optional
// packages out of package-lock.json, and `npm ci` refuses the lock file as out of sync.
// This script adds each missing optional platform package to the lock file with its os/cpu, so that `npm ci`
// skips it on other platforms exactly as it would with a complete lock file. Run it after `npm install`.
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = {
  arm64: 'arm64',
  x64: 'x64',
  ia32: 'ia32',
  arm: 'arm',
  ppc64: 'ppc64',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
  wasm32: 'wasm32',
  universal: null,
};

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  // Some packages spell the platform out ('napi-windows-process-start-time', an optional dependency of Vite 8).
  const os = parts.map((p) => (p === 'windows' ? 'win32' : p)).find((p) => OS.includes(p));
  const cpuPart = parts.find((p) => p in CPU);
  const entry = {};
  if (os) entry.os = [os];
  if (cpuPart && CPU[cpuPart]) entry.cpu = [CPU[cpuPart]];
  if (parts.includes('musl') || parts.includes('musleabihf')) entry.libc = ['musl'];
  else if (parts.includes('gnu') || parts.includes('gnueabihf')) entry.libc = ['glibc'];
  return entry;
}

let added = 0;
for (const [location, meta] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    // Resolution as Node would: nested node_modules first, then the top level.
    const nested = `${location ? location + '/' : ''}node_modules/${dep}`;
    const top = `node_modules/${dep}`;
    if (packages[nested] || packages[top]) continue;
    const platform = platformOf(dep);
    if (!platform.os && !platform.cpu) continue; // not a platform build: leave it to npm
    packages[top] = {
      version: String(version).replace(/^[\^~=]/, ''),
      cpu: platform.cpu,
      os: platform.os,
      libc: platform.libc,
      dev: meta.dev,
      optional: true,
    };
    for (const key of Object.keys(packages[top])) if (packages[top][key] === undefined) delete packages[top][key];
    added++;
  }
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`lockfile-platforms: added ${added} optional platform package entries`);
