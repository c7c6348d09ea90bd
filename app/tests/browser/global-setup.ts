// Playwright globalSetup: deploys the suite on the test node (started by scripts/test-app.sh on
// port 9971) with `agora deploy`, seeds the scenario proposals with `agora` commands, and has
// the CLI write the deployments file the app loads (test-results/deployments/local.json).
//
// The suite is tests/browser/agora-test.toml: founders Alice (human, Safety, 10), Bob (human,
// Efficiency, 10), Charlie (human, Safety + Ethics, 5) and Dave (agent, Technical, 5, operated
// by Alice); review window 20 blocks, voting window 60, one Safety review needed. Seeded:
//   proposal 1 (Bob, a treasury grant): revised once after Charlie asked for changes, approved
//   by Alice (Safety), now in Voting with Dave (agent) For and Charlie (human) Against;
//   proposal 2 (Charlie): approved by Alice, review window over: anyone may close its review;
//   proposal 3 (Alice): in review, waiting for Bob's review and Alice's revision.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath as toPath } from 'node:url';
const HERE = toPath(new URL('.', import.meta.url));

export const TEST_URL = process.env.AGORA_TEST_URL ?? 'ws://127.0.0.1:9971';
export const RESULTS = resolve(HERE, '..', '..', 'test-results');
const ROOT = resolve(HERE, '..', '..', '..');
const AGORA = process.env.AGORA_CLI ?? resolve(ROOT, 'cli', 'target', 'debug', 'agora');
const CONFIG = resolve(HERE, 'agora-test.toml');
const DEPLOYMENT = resolve(RESULTS, 'deployments', 'local.json');

/** Runs `agora ARGS…` against the test node and deployment; returns its stdout. */
function agora(...args: string[]): string {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AGORA_NETWORK: 'local',
    AGORA_URL: TEST_URL,
    AGORA_DEPLOYMENT: DEPLOYMENT,
    AGORA_BUNDLES: process.env.AGORA_INK_DIR ?? resolve(ROOT, 'target', 'ink'),
  };
  delete env.AGORA_SURI;
  try {
    return execFileSync(AGORA, args, { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e: any) {
    throw new Error(`agora ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
  }
}

/** Runs a command that changes the chain and prints its output. */
function step(...args: string[]) {
  const out = agora(...args).trim();
  for (const line of out.split('\n')) console.log(`[agora] ${line}`);
}

/** A 32-byte content hash made of one repeated byte (the proposals' texts are not needed here). */
const hash32 = (byte: number) => '0x' + byte.toString(16).padStart(2, '0').repeat(32);

function status(id: number): any {
  return JSON.parse(agora('--json', 'status', String(id))).result;
}

export default async function globalSetup() {
  if (!existsSync(AGORA)) {
    throw new Error(`no agora CLI at ${AGORA} (cargo build --manifest-path cli/Cargo.toml)`);
  }
  const started = Date.now();
  rmSync(DEPLOYMENT, { force: true });
  mkdirSync(resolve(RESULTS, 'deployments'), { recursive: true });
  step('deploy', '--fresh', '--config', CONFIG, '--suri', '//Alice');

  // Proposal 1: submitted, changes requested, revised, approved.
  step('propose', '--content-hash', hash32(0x11), '--uri', 'ipfs://agora/p1-grant-v1', '--transfer', '//Eve:1000', '--suri', '//Bob');
  step('review', '1', '--verdict', 'request-changes', '--score', '55', '--perspective', 'safety',
    '--feedback', 'A grant of 1000 is too much for a first one.', '--feedback-uri', 'ipfs://agora/p1-review-charlie',
    '--suggestion', 'Cap the grant at 800.', '--suggestion-uri', 'ipfs://agora/p1-suggest-cap', '--suri', '//Charlie');
  step('revise', '1', '--content-hash', hash32(0x12), '--uri', 'ipfs://agora/p1-grant-v2', '--transfer', '//Eve:800', '--suri', '//Bob');
  step('review', '1', '--verdict', 'approve', '--score', '90', '--perspective', 'safety',
    '--feedback', 'The cap settles the risk.', '--feedback-uri', 'ipfs://agora/p1-review-alice', '--suri', '//Alice');
  // Proposal 2: submitted after proposal 1's revision, approved; its window ends two blocks later.
  step('propose', '--content-hash', hash32(0x51), '--uri', 'ipfs://agora/p2-tooling', '--transfer', '//Charlie:300', '--suri', '//Charlie');
  step('review', '2', '--verdict', 'approve', '--score', '75', '--perspective', 'safety',
    '--feedback', 'Tooling pays for itself.', '--feedback-uri', 'ipfs://agora/p2-review-alice', '--suri', '//Alice');
  // Proposal 1 into Voting (the CLI makes the blocks until its review window is over), two votes.
  step('advance', '1', '--wait', '--suri', '//Eve');
  step('vote', '1', 'for', '--suri', '//Dave');
  step('vote', '1', 'against', '--rationale', 'Tooling first.', '--suri', '//Charlie');
  // Proposal 3: in review.
  step('propose', '--content-hash', hash32(0x41), '--uri', 'ipfs://agora/p3-retreat', '--transfer', '//Ferdie:500', '--suri', '//Alice');

  // The states the scenarios start from.
  const [p1, p2, p3] = [1, 2, 3].map(status);
  const problems = [];
  if (p1.state !== 'voting' || p1.votes.length !== 2) problems.push(`proposal 1 is ${p1.state} with ${p1.votes.length} vote(s), not voting with 2`);
  if (p2.state !== 'in_review' || p2.next?.step !== 'close_review' || p2.next.due_in_blocks > 0) {
    problems.push(`proposal 2 is ${p2.state}, next ${JSON.stringify(p2.next)}, not in_review due to close its review`);
  }
  if (p3.state !== 'in_review' || p3.next?.due_in_blocks < 10) problems.push(`proposal 3 is ${p3.state}, next ${JSON.stringify(p3.next)}, not in_review for 10 blocks or more`);
  if (problems.length) throw new Error(`seeding did not reach the scenarios' states: ${problems.join('; ')}`);

  const deployment = JSON.parse(readFileSync(DEPLOYMENT, 'utf8'));
  writeFileSync(resolve(RESULTS, 'suite.json'), JSON.stringify({ url: TEST_URL, deployment }, null, 2));
  console.log(`[global-setup] suite deployed with agora deploy and seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
