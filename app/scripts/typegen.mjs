#!/usr/bin/env node
// Regenerates the typed contract bindings and the app's copy of the metadata from the
// release bundles target/ink/<contract>/<contract>.contract (override the folder with
// AGORA_INK_DIR). Bindings come from dedot's typink generator; the metadata copy drops the
// Wasm blob (the app never deploys) so the app builds without target/.
//
//   npm run typegen
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const app = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const inkDir = process.env.AGORA_INK_DIR ?? resolve(app, '..', 'target', 'ink');
const contracts = ['decision_log', 'agent_registry', 'peer_review', 'voting', 'proposals'];
const outTypes = join(app, 'src', 'contracts', 'generated');
const outMeta = join(app, 'src', 'contracts', 'metadata');

for (const c of contracts) {
  const bundle = join(inkDir, c, `${c}.contract`);
  if (!existsSync(bundle)) {
    console.error(`typegen: ${bundle} is missing; build the contracts first`);
    process.exit(1);
  }
}
rmSync(outTypes, { recursive: true, force: true });
mkdirSync(outMeta, { recursive: true });
const dedot = join(app, 'node_modules', '.bin', 'dedot');
const hashes = {};
for (const c of contracts) {
  const bundle = join(inkDir, c, `${c}.contract`);
  console.log(`[typegen] ${c}: bindings from ${bundle}`);
  execFileSync(dedot, ['typink', '-m', bundle, '-o', outTypes, '-c', c], { stdio: ['ignore', 'ignore', 'inherit'] });
  const meta = JSON.parse(readFileSync(bundle, 'utf8'));
  delete meta.source.wasm;
  writeFileSync(join(outMeta, `${c}.json`), JSON.stringify(meta, null, 1) + '\n');
  hashes[c] = meta.source.hash;
}
// Which bundles the bindings came from: scripts/check-consistency.sh bindings compares these
// with target/ink/ and fails when the bindings are stale.
writeFileSync(join(outTypes, 'source-hashes.json'), JSON.stringify(hashes, null, 1) + '\n');
console.log(`[typegen] wrote ${outTypes} and ${outMeta}`);
