// After `vite build`: a gzip copy beside every text file of dist/, so the gateway sends the smaller one to
// browsers that accept it (compressed once at build time, not on every request).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const TEXT = /\.(js|css|html|svg|json|txt|map)$/;
const dist = new URL('../dist/', import.meta.url).pathname;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (TEXT.test(name)) yield path;
  }
}

let count = 0;
for (const path of files(dist)) {
  writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: constants.Z_BEST_COMPRESSION }));
  count += 1;
}
console.log(`gzip: ${count} files in dist/ have a .gz beside them`);
