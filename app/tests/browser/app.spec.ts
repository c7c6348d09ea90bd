// Browser scenarios against a local substrate-contracts-node with the suite deployed by
// `agora deploy` and seeded with `agora` commands in global-setup.ts (proposal 1 in Voting,
// proposal 2 due to close its review, proposal 3 in review). Screenshots of each step land in
// test-results/screenshots/.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DedotClient, WsProvider } from 'dedot';
import { Contract } from '@dedot/contracts';
import { join } from 'node:path';
import { RESULTS, axeCheck, closeInjector, expect, expectNoHorizontalOverflow, openAs, shot, shotRegion, test } from './fixtures';
import { importJson, verifyLog } from '../../src/lib/log';

const decisionLogMeta = JSON.parse(readFileSync(fileURLToPath(new URL('../../src/contracts/metadata/decision_log.json', import.meta.url)), 'utf8'));

test.describe.configure({ mode: 'serial' });
test.afterAll(closeInjector);

const humansRow = (page) => page.getByTestId('tally').locator('tr', { has: page.locator('th', { hasText: 'Humans' }) });

test('a human votes and sees the tally change', async ({ page }) => {
  await openAs(page, 'Alice');
  // The list: a badge and a countdown in blocks per proposal.
  const item = (id: number) => page.locator(`[data-proposal="${id}"]`);
  await expect(item(1).locator('[data-state="Voting"]')).toHaveText('Voting');
  await expect(item(1)).toContainText(/voting closes in \d+ blocks/);
  await expect(item(3).locator('[data-state="InReview"]')).toHaveText('In review');
  await expect(item(3)).toContainText(/review closes in \d+ blocks/);
  await expect(item(2)).toContainText('review window over: close review');
  await shot(page, 'proposals-list');
  await item(1).getByRole('link', { name: 'Proposal #1' }).click();
  await expect(page.getByRole('heading', { name: 'Proposal #1' })).toBeVisible();
  await expect(page.locator('#revisions')).toContainText('Changes from revision 1');
  // Seeded: Charlie (human, 5) Against, Dave (agent, 5) For.
  await expect(humansRow(page).locator('[data-col="for"]')).toHaveText('0');
  await expect(humansRow(page).locator('[data-col="against"]')).toHaveText('5');
  await shot(page, 'vote-before');

  const form = page.locator('#vote');
  await form.getByLabel('For', { exact: true }).check();
  await form.getByLabel(/Rationale/).fill('The grant is capped and reviewed for safety.');
  await form.getByRole('button', { name: 'Cast vote' }).click();
  const status = form.locator('.tx-status');
  await expect(status).toHaveAttribute('data-phase', /signing|pending|inBlock|finalized/);
  await expect(status).toHaveAttribute('data-phase', /inBlock|finalized/);
  await shotRegion(page, 'vote-status', ['#vote']);
  await expect(status).toHaveAttribute('data-phase', 'finalized');
  await expect(status).toContainText('Finalized in block');
  // Alice (human, 10) For: the humans' For tally moves from 0 to 10.
  await expect(humansRow(page).locator('[data-col="for"]')).toHaveText('10');
  await expect(page.locator('#ballot')).toContainText('3 vote(s)');
  await expect(page.getByTestId('receipt')).toContainText('Your vote: For with weight 10');
  await shot(page, 'vote-tally-changed');
  // For docs/img/app-vote.png: the ballot and the finalized vote.
  await shotRegion(page, 'app-vote', ['#ballot', '#vote']);
});

test('a second vote is refused with a readable error', async ({ page }) => {
  await openAs(page, 'Alice', 'proposal/1');
  const form = page.locator('#vote');
  // Keyboard only: choose Against with the arrow key, submit with Enter.
  await form.getByLabel('For', { exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(form.getByLabel('Against', { exact: true })).toBeChecked();
  await form.getByRole('button', { name: 'Cast vote' }).focus();
  await page.keyboard.press('Enter');
  const status = form.locator('.tx-status');
  await expect(status).toHaveAttribute('data-phase', 'failed');
  await expect(status).toHaveText('You already voted on this proposal.');
  await expect(humansRow(page).locator('[data-col="for"]')).toHaveText('10');
  await shot(page, 'vote-refused');
});

test('a reviewer submits a review', async ({ page }) => {
  await openAs(page, 'Bob', 'proposal/3');
  await expect(page.locator('[data-state="InReview"]').first()).toBeVisible();
  const form = page.locator('#review');
  await form.getByLabel('Verdict').selectOption('RequestChanges');
  await form.getByLabel('Perspective').selectOption('Efficiency');
  await form.getByLabel('Score (0–100)').fill('64');
  await form.getByLabel('Feedback (hashed in your browser)').fill('Book the venue off-season: same programme, 30% cheaper.');
  await form.getByLabel('Feedback URI (optional)').fill('ipfs://agora/p3-review-bob');
  await form.getByLabel('Suggested modification (optional)').fill('Move the retreat to March.');
  await form.getByLabel('Suggestion URI (optional)').fill('ipfs://agora/p3-suggest-march');
  await shot(page, 'review-form');
  await form.getByRole('button', { name: 'Submit review' }).click();
  await expect(form.locator('.tx-status')).toHaveAttribute('data-phase', 'finalized');
  const row = page.locator('#reviews tr[data-reviewer]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Efficiency');
  await expect(row).toContainText('Request changes');
  await expect(row).toContainText('64');
  await expect(row).toContainText('ipfs://agora/p3-review-bob');
  await shot(page, 'review-submitted');

  // The member page shows the review in Bob's record.
  await page.getByRole('link', { name: 'My page', exact: true }).click();
  await expect(page.getByTestId('member-kind')).toHaveText('Human');
  await expect(page.getByTestId('record')).toContainText('1 review(s) given');
  await expect(page.locator('#record')).toContainText('#3');
  await shot(page, 'member-page');
});

test('the author revises a proposal and sees the diff', async ({ page }) => {
  await openAs(page, 'Alice', 'proposal/3');
  await page.getByRole('link', { name: 'Revise this proposal' }).click();
  await expect(page.getByRole('heading', { name: 'Revise proposal #3' })).toBeVisible();
  await page.getByLabel('Content (hashed in your browser; leave empty to give a hash)').fill('Retreat in March, off-season venue.');
  await page.getByLabel('URI (at most 256 bytes)').fill('ipfs://agora/p3-retreat-march');
  await page.getByLabel('Amount').fill('350');
  await page.getByRole('button', { name: 'Submit revision' }).click();
  await expect(page.locator('#pform .tx-status')).toHaveAttribute('data-phase', 'finalized');
  await page.getByRole('link', { name: 'Back to proposal #3' }).click();
  const diff = page.locator('[data-revision="2"] .diff');
  await expect(diff).toContainText('ipfs://agora/p3-retreat');
  await expect(diff).toContainText('ipfs://agora/p3-retreat-march');
  await expect(diff).toContainText('Transfer 350');
  // A fresh review round for revision 2; the author is not offered the review form.
  await expect(page.locator('#reviews [data-round="2"]')).toContainText('Window blocks');
  await expect(page.locator('#review')).toHaveCount(0);
  await shot(page, 'revision-diff');
});

test('anyone advances a proposal when its step is due', async ({ page }) => {
  await openAs(page, 'Eve', 'proposal/2');
  await expect(page.getByTestId('countdown')).toContainText('review window over');
  await page.getByRole('button', { name: 'Close review' }).click();
  await expect(page.locator('section[aria-labelledby="p-h"] .tx-status')).toHaveAttribute('data-phase', 'finalized');
  await expect(page.locator('section[aria-labelledby="p-h"] [data-state]')).toHaveText('Voting');
  await expect(page.locator('#ballot')).toBeVisible();
  await shot(page, 'advanced-to-voting');
});

test('the audit view verifies the chain', async ({ page, suite }) => {
  // The head as the decision log contract reports it (computed by agora-types in the contract).
  const client = await DedotClient.new({ provider: new WsProvider(suite.url), rpcVersion: 'legacy' });
  const log = new Contract<any>(client, decisionLogMeta as any, suite.deployment.contracts.decision_log.address, {
    defaultCaller: suite.deployment.deployer,
  });
  const [len, headHash] = (await log.query.decisionLogHead()).data;
  await client.disconnect();

  await page.goto('./#/audit');
  const result = page.getByTestId('verify-result');
  // A log deployed by this version writes format 2: the chain and every entry's writer are checked.
  await expect(page.getByTestId('log-format')).toHaveAttribute('data-format', '2');
  await expect(page.getByTestId('log-format')).toContainText('Log format 2');
  await expect(result).toHaveText(`✓ chain verified up to entry ${Number(len) - 1}, head ${headHash}; every entry's writer was allowed its kind`);
  const rows = page.getByTestId('log-table').locator('tbody tr');
  await expect(rows).toHaveCount(Number(len));
  // Each entry shows its writer and subject: the deployer authorizes the suite's writers (about
  // the suite), then the hub, peer review and voting write about proposals.
  const first = rows.first();
  await expect(first.getByTestId('entry-kind')).toHaveText('WriterAuthorized');
  await expect(first.getByTestId('entry-subject')).toHaveText('suite');
  await expect(first.getByTestId('entry-writer')).toContainText('deployer');
  await expect(first).toContainText('kinds: HUB_KINDS');
  const row = (kind: string) => rows.filter({ has: page.getByTestId('entry-kind').getByText(kind, { exact: true }) }).first();
  await expect(row('BootstrapCompleted').getByTestId('entry-writer')).toContainText('hub');
  await expect(row('ProposalSubmitted').getByTestId('entry-subject')).toHaveText(/^proposal #\d+$/);
  await expect(row('ProposalSubmitted').getByTestId('entry-writer')).toContainText('hub');
  await expect(row('ReviewRoundOpened').getByTestId('entry-writer')).toContainText('peer review');
  await expect(row('BallotOpened').getByTestId('entry-writer')).toContainText('voting');
  await shot(page, 'audit-verified');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Export JSON/ }).click()]);
  // Kept for the Rust verifier (test-app.sh runs `agora log verify --file` on it when the CLI is built).
  const exportPath = join(RESULTS, 'log-export.json');
  await download.saveAs(exportPath);
  const exported = importJson(readFileSync(exportPath, 'utf8'));
  expect(exported.exportFormat).toBe('agora-log-export/v3');
  expect(exported.format).toBe(2);
  expect(exported.head).toEqual([len, headHash]);
  const report = verifyLog(exported.format, exported.entries, exported.head);
  expect(report.ok).toBe(true);
  expect(report.writersChecked).toBe(true);
  // The app re-verifies its own export offline and matches it to the chain's head.
  await page.getByLabel('Verify an exported file').setInputFiles({ name: 'export.json', mimeType: 'application/json', buffer: readFileSync(exportPath) });
  await expect(page.getByTestId('verify-file-result')).toContainText('export.json (agora-log-export/v3, log format 2)');
  await expect(page.getByTestId('verify-file-result')).toContainText(`chain verified up to entry ${Number(len) - 1}`);
  await expect(page.getByTestId('verify-file-result')).toContainText("every entry's writer was allowed its kind");
  await expect(page.getByTestId('verify-file-result')).toContainText('the same head as the chain now');

});

test('axe finds no serious or critical accessibility violations', async ({ page }) => {
  // Desktop width (the phone scenario below checks the phone layout). No transactions.
  await openAs(page, 'Alice');
  await expect(page.locator('[data-proposal="1"] [data-state]')).toBeVisible();
  await axeCheck(page, 'proposals-list');
  // Proposal 1: header, revisions with a diff, reviews, ballot with tallies and bars, the vote
  // form with Alice's receipt, and the proposal's log entries.
  await page.goto('./#/proposal/1');
  await expect(page.getByTestId('tally')).toBeVisible();
  await expect(page.getByTestId('receipt')).toBeVisible();
  await page.locator('#ballot summary').click();
  await axeCheck(page, 'proposal-1');
  // Proposal 3 as Charlie: the review form.
  const account = page.getByLabel('Account');
  await account.selectOption(await account.locator('option', { hasText: 'Charlie' }).getAttribute('value'));
  await page.goto('./#/proposal/3');
  await expect(page.locator('#review form')).toBeVisible();
  await axeCheck(page, 'proposal-3-review-form');
  await page.getByRole('link', { name: 'Audit', exact: true }).click();
  await expect(page.getByTestId('verify-result')).toContainText('✓ chain verified');
  await axeCheck(page, 'audit');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a member reads the list, votes and audits at phone width', async ({ page }) => {
    await openAs(page, 'Bob');
    const item1 = page.locator('[data-proposal="1"]');
    await expect(item1.locator('[data-state="Voting"]')).toBeVisible();
    await expectNoHorizontalOverflow(page, 'proposals list');
    await axeCheck(page, 'phone-proposals-list');
    await shot(page, 'phone-proposals-list');

    await item1.getByRole('link', { name: 'Proposal #1' }).tap();
    await expect(page.getByRole('heading', { name: 'Proposal #1' })).toBeVisible();
    await expect(page.getByTestId('tally')).toBeVisible();
    const form = page.locator('#vote');
    await expect(form.getByRole('button', { name: 'Cast vote' })).toBeEnabled();
    await expectNoHorizontalOverflow(page, 'proposal page');
    await axeCheck(page, 'phone-proposal-1');
    await shot(page, 'phone-proposal');

    // The vote form: every control on screen and at least 44 px tall (a finger's target).
    const controls = [
      form.getByLabel('For', { exact: true }), form.getByLabel('Against', { exact: true }), form.getByLabel('Abstain', { exact: true }),
      form.getByLabel(/Rationale/), form.getByRole('button', { name: 'Cast vote' }),
    ];
    for (const c of controls) {
      await c.scrollIntoViewIfNeeded();
      await expect(c).toBeVisible();
      const box = (await c.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    for (const name of ['For', 'Against', 'Abstain']) {
      const label = form.locator('label.radio', { hasText: name });
      expect((await label.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    expect((await controls[4].boundingBox())!.height).toBeGreaterThanOrEqual(44);
    // Touch to choose, the keyboard to reach the rationale and the button, a tap to cast.
    await form.locator('label.radio', { hasText: 'Abstain' }).tap();
    await expect(form.getByLabel('Abstain', { exact: true })).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(form.getByLabel(/Rationale/)).toBeFocused();
    await page.keyboard.type('Read on the train.');
    await page.keyboard.press('Tab');
    await expect(form.getByRole('button', { name: 'Cast vote' })).toBeFocused();
    await shotRegion(page, 'phone-vote-form', ['#vote']);
    await form.getByRole('button', { name: 'Cast vote' }).tap();
    await expect(form.locator('.tx-status')).toHaveAttribute('data-phase', 'finalized');
    await expect(page.getByTestId('receipt')).toContainText('Your vote: Abstain with weight 10');
    await expectNoHorizontalOverflow(page, 'proposal page after the vote');
    await shot(page, 'phone-voted');

    await page.getByRole('link', { name: 'Audit', exact: true }).tap();
    await expect(page.getByTestId('verify-result')).toContainText('✓ chain verified');
    await expect(page.getByTestId('log-table')).toBeVisible();
    await expectNoHorizontalOverflow(page, 'audit view');
    await axeCheck(page, 'phone-audit');
    await shot(page, 'phone-audit');
  });
});
