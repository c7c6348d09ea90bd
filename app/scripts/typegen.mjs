#!/usr/bin/env node
// Regenerates the typed contract bindings and the app's copy of the metadata from the
// release bundles target/ink/<contract>/<contract>.contract (override the folder with
// AGORA_INK_DIR). Bindings come from dedot's typink generator; the metadata copy drops the
// Wasm blob (the app never deploys) so the app builds without target/.
//
//   npm run typegen
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
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
const stamps = {};
for (const c of contracts) {
  const bundle = join(inkDir, c, `${c}.contract`);
  console.log(`[typegen] ${c}: bindings from ${bundle}`);
  execFileSync(dedot, ['typink', '-m', bundle, '-o', outTypes, '-c', c], { stdio: ['ignore', 'ignore', 'inherit'] });
  const meta = JSON.parse(readFileSync(bundle, 'utf8'));
  delete meta.source.wasm;
  const text = JSON.stringify(meta, null, 1) + '\n';
  writeFileSync(join(outMeta, `${c}.json`), text);
  stamps[c] = createHash('sha256').update(text).digest('hex');
}
// Which metadata the bindings came from (sha256 of each metadata copy as written):
// scripts/check-consistency.sh bindings checks these against the committed copies, and the
// copies' ABI against the bundles in target/ink/.
writeFileSync(join(outTypes, 'metadata-sha256.json'), JSON.stringify(stamps, null, 1) + '\n');
console.log(`[typegen] wrote ${outTypes} and ${outMeta}`);
