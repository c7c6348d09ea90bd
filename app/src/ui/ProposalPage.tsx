import { useState } from 'preact/hooks';
import { blake2AsHex, encodeAddress } from 'dedot/utils';
import { addressOf, readSubjectLog, unwrap } from '../lib/chain';
import {
  PERSPECTIVES, ballotProgress, blocksDuration, bpsText, diffRevisions, nextStep, perspectivesOf, type ProposalStateName,
} from '../lib/format';
import { entryHash, kindText } from '../lib/log';
import { ZERO_HASH } from '../lib/hex';
import { decisionBallot } from '../lib/wire';
import { AccountLink, Badge, Bar, ErrorText, Hash, Loading, Section, TxStatusView, useAction } from './components';
import { useApp, useAsync } from './context';
import { actionText } from './actions';

async function loadProposal(suite: ReturnType<typeof useApp>['suite'], id: number) {
  const p = (await suite.hub.query.proposal(id)).data as any;
  if (!p) return null;
  const st = (await suite.hub.query.state(id)).data as any;
  const state: ProposalStateName = st.isOk ? st.value : p.stage;
  const revisions: any[] = [];
  const rounds: { revision: number; round: any; reviews: any[] }[] = [];
  for (let n = 1; n <= p.revision; n++) {
    revisions.push((await suite.hub.query.revision(id, n)).data);
    const round = (await suite.review.query.round(id, n)).data;
    const reviews: any[] = [];
    if (round) {
      for (let from = 0; ; from += 24) {
        const page = unwrap((await suite.review.query.reviews(id, n, from, 24)).data as any, 'reviews') as any[];
        reviews.push(...page);
        if (page.length < 24) break;
      }
    }
    rounds.push({ revision: n, round, reviews });
  }
  // The ballot that decides the proposal (ballots are keyed by proposal and purpose).
  const ballotId = decisionBallot(id);
  const ballot = (await suite.voting.query.ballot(ballotId)).data as any;
  const votes: any[] = [];
  if (ballot) {
    for (let from = 0; ; from += 64) {
      const page = unwrap((await suite.voting.query.votes(ballotId, from, 64)).data as any, 'votes') as any[];
      votes.push(...page);
      if (page.length < 64) break;
    }
  }
  const log = await readSubjectLog(suite, id);
  return { p, state, revisions, rounds, ballot, votes, log };
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadProposal>>>;

export function ProposalPage({ id }: { id: number }) {
  const app = useApp();
  const data = useAsync(() => loadProposal(app.suite, id), [app.suite, id, app.version]);
  if (data.error) return <ErrorText text={data.error} />;
  if (!data.data && data.loading) return <Loading what={`proposal #${id}`} />;
  if (!data.data) return <ErrorText text={`There is no proposal #${id}.`} />;
  const d = data.data;
  const me = app.account?.address;
  const isAuthor = me !== undefined && addressOf(d.p.author) === me;
  return (
    <div class="stack">
      <Header d={d} />
      <Revisions d={d} />
      {d.state === 'InReview' && !isAuthor && <ReviewForm d={d} />}
      {d.state === 'InReview' && isAuthor && (
        <p class="card">
          You wrote this proposal, so other members review it. You may revise it during the review window:{' '}
          <a class="button" href={`#/revise/${d.p.id}`}>Revise this proposal</a>
        </p>
      )}
      <Reviews d={d} />
      {d.ballot && <BallotView d={d} />}
      {d.ballot && d.state === 'Voting' && <VoteForm d={d} />}
      <ProposalLog d={d} />
    </div>
  );
}

function Header({ d }: { d: Loaded }) {
  const app = useApp();
  const step = nextStep({ ...d.p, stage: d.state }, app.block);
  const act = useAction();
  const advance = () =>
    act.run({ contract: app.suite.hub, contractName: 'proposals', message: step.action!, args: [d.p.id] });
  const labels: Record<string, string> = { closeReview: 'Close review', closeVoting: 'Close voting', queue: 'Queue', execute: 'Execute' };
  return (
    <section class="card" aria-labelledby="p-h">
      <div class="row-between">
        <h2 id="p-h">Proposal #{d.p.id}</h2>
        <Badge state={d.state} />
      </div>
      <dl class="facts">
        <dt>Author</dt>
        <dd><AccountLink address={addressOf(d.p.author)} /> ({d.p.authorKind})</dd>
        <dt>Revision</dt>
        <dd>{d.p.revision}</dd>
        <dt>Submitted</dt>
        <dd>block {d.p.submittedAt}</dd>
        <dt>Review window</dt>
        <dd>blocks {d.p.reviewOpenedAt}–{d.p.reviewClosesAt}</dd>
        {d.p.votingClosesAt !== undefined && (
          <>
            <dt>Voting closes</dt>
            <dd>block {d.p.votingClosesAt} (snapshot {d.p.snapshotBlock})</dd>
          </>
        )}
        {d.p.eta !== undefined && (
          <>
            <dt>Timelock</dt>
            <dd>executable from block {d.p.eta}, expires at {d.p.expiresAt}</dd>
          </>
        )}
        <dt>Vetoes</dt>
        <dd>{d.p.vetoes}</dd>
      </dl>
      <p class={`countdown ${step.due ? 'due' : ''}`} data-testid="countdown">
        Now block {app.block}: {step.label}
        {!step.due && step.action === null && /in (\d+)/.test(step.label) && (
          <span class="muted"> ({blocksDuration(Number(/in (\d+)/.exec(step.label)![1]))})</span>
        )}
      </p>
      {step.action && (
        <button type="button" onClick={advance} disabled={act.busy}>{labels[step.action]}</button>
      )}
      <TxStatusView status={act.status} />
    </section>
  );
}

function Revisions({ d }: { d: Loaded }) {
  return (
    <Section title="Revisions" id="revisions">
      <ol class="revisions">
        {d.revisions.map((r, i) => {
          const changes = i > 0 && d.revisions[i - 1] ? diffRevisions(d.revisions[i - 1], r, actionText) : [];
          return (
            <li key={i} data-revision={i + 1}>
              <h3>Revision {i + 1} <span class="muted small">block {r.submittedAt}</span></h3>
              <dl class="facts">
                <dt>Content hash</dt>
                <dd><Hash value={r.contentHash} /></dd>
                <dt>URI</dt>
                <dd class="break">{r.uri || '(none)'}</dd>
                <dt>Actions</dt>
                <dd>
                  <ul>{r.actions.map((a: any, k: number) => <li key={k}>{actionText(a)}</li>)}</ul>
                </dd>
                {r.signer && (
                  <>
                    <dt>Signed by key</dt>
                    <dd><Hash value={r.signer} /></dd>
                  </>
                )}
              </dl>
              {i > 0 && (
                <div class="diff" role="group" aria-label={`Changes from revision ${i} to ${i + 1}`}>
                  <h4>Changes from revision {i}</h4>
                  {changes.length === 0 && <p class="muted">No change in content hash, URI or actions.</p>}
                  <ul>
                    {changes.map((c) => (
                      <li key={c.field}>
                        <strong>{c.field}</strong>: <del class="break">{c.from}</del> → <ins class="break">{c.to}</ins>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </Section>
  );
}

function Reviews({ d }: { d: Loaded }) {
  return (
    <Section title="Reviews" id="reviews">
      {d.rounds.map(({ revision, round, reviews }) => (
        <div key={revision} class="round" data-round={revision}>
          <h3>Revision {revision}</h3>
          {!round && <p class="muted">No review round.</p>}
          {round && (
            <>
              <p class="small">
                Window blocks {round.openedAt}–{round.closesAt}{round.closed ? ' (closed)' : ''} · rules: at least {round.rules.minReviews} review(s)
                {round.rules.requiredPerspectives ? `, covering ${perspectivesOf(round.rules.requiredPerspectives).join(', ')}` : ''}, at most {round.rules.maxRejections} rejection(s)
                · {round.reviews} reviewer(s): {round.approvals} approve, {round.changeRequests} request changes, {round.rejections} reject
                {round.reviews > 0 ? ` · mean score ${Math.floor(round.scoreSum / round.reviews)}` : ''}
              </p>
              {reviews.length > 0 && (
                <div class="scroll">
                  <table>
                    <caption class="sr-only">Reviews of revision {revision}</caption>
                    <thead>
                      <tr><th scope="col">Reviewer</th><th scope="col">Perspective</th><th scope="col">Verdict</th><th scope="col">Score</th><th scope="col">Feedback</th><th scope="col">Suggestion</th><th scope="col">Block</th></tr>
                    </thead>
                    <tbody>
                      {reviews.map((r, k) => (
                        <tr key={k} data-reviewer={addressOf(r.reviewer)}>
                          <td><AccountLink address={addressOf(r.reviewer)} />{r.version > 1 ? ` (v${r.version})` : ''}</td>
                          <td>{r.perspective}</td>
                          <td class={`verdict-${r.verdict}`}>{r.verdict === 'RequestChanges' ? 'Request changes' : r.verdict}</td>
                          <td>{r.score}</td>
                          <td class="break">{r.feedbackUri || <Hash value={r.feedbackHash} />}</td>
                          <td class="break">{r.suggestionHash ? r.suggestionUri || <Hash value={r.suggestionHash} /> : '—'}</td>
                          <td>{r.submittedAt}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </div>
      ))}
    </Section>
  );
}

function TallyRow({ label, t }: { label: string; t: any }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td data-col="for">{t.forWeight.toString()}</td>
      <td data-col="against">{t.againstWeight.toString()}</td>
      <td data-col="abstain">{t.abstainWeight.toString()}</td>
    </tr>
  );
}

function BallotView({ d }: { d: Loaded }) {
  const b = d.ballot;
  const total = { forWeight: b.humans.forWeight + b.agents.forWeight, againstWeight: b.humans.againstWeight + b.agents.againstWeight, abstainWeight: b.humans.abstainWeight + b.agents.abstainWeight };
  const pr = ballotProgress(b.humans, b.agents, b.totalWeight, b.rules);
  return (
    <Section title="Ballot" id="ballot">
      <p class="small">
        Snapshot block {b.snapshotBlock} · open blocks {b.openedAt}–{b.closesAt}{b.closed ? ' (closed)' : ''} · {b.votes} vote(s) · total weight {b.totalWeight.toString()}
        {b.rules.requireBothKinds ? ' · both kinds must approve' : ''}
      </p>
      <div class="scroll">
        <table data-testid="tally">
          <caption>Tallies by member kind (weight)</caption>
          <thead><tr><th scope="col">Kind</th><th scope="col">For</th><th scope="col">Against</th><th scope="col">Abstain</th></tr></thead>
          <tbody>
            <TallyRow label="Humans" t={b.humans} />
            <TallyRow label="Agents" t={b.agents} />
            <TallyRow label="Total" t={total} />
          </tbody>
        </table>
      </div>
      <div class="progress">
        <p id="quorum-l">
          Quorum: {pr.quorum.have.toString()} of {pr.quorum.need.toString()} needed (For + Abstain, {bpsText(b.rules.quorumBps)} of {b.totalWeight.toString()}) —{' '}
          <strong>{pr.quorum.reached ? 'reached' : 'not reached'}</strong>
        </p>
        <Bar label="Quorum progress" value={Number(pr.quorum.have)} max={Number(b.totalWeight) || 1} mark={Number(pr.quorum.need)} ok={pr.quorum.reached} />
        <p>
          Approval: {bpsText(pr.threshold.forBps)} For of For + Against, {bpsText(pr.threshold.needBps)} needed — <strong>{pr.threshold.met ? 'met' : 'not met'}</strong>
        </p>
        <Bar label="Approval progress" value={pr.threshold.forBps} max={10000} mark={pr.threshold.needBps} ok={pr.threshold.met} />
        <p data-testid="outcome">Would {pr.approved ? 'pass' : 'fail'} if voting closed now.</p>
      </div>
      {d.votes.length > 0 && (
        <details>
          <summary>Votes ({d.votes.length})</summary>
          <ul class="votes">
            {d.votes.map((v, k) => (
              <li key={k}>
                <AccountLink address={addressOf(v.voter)} /> ({v.kind}) — {v.choice}, weight {v.weight.toString()}, block {v.block}
                {v.rationaleHash !== ZERO_HASH && <> · rationale <Hash value={v.rationaleHash} /></>}
                {v.signed && ' · relayed'}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Section>
  );
}

const hashText = (t: string) => (t.trim() ? blake2AsHex(t, 256) : ZERO_HASH);

function VoteForm({ d }: { d: Loaded }) {
  const app = useApp();
  const act = useAction();
  const receipt = useAsync(async () => {
    if (!app.account) return undefined;
    return (await app.suite.voting.query.voteOf(decisionBallot(d.p.id), app.account.address)).data as any;
  }, [app.suite, app.account?.address, app.version]);
  const [choice, setChoice] = useState<'For' | 'Against' | 'Abstain'>('For');
  const [rationale, setRationale] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    act.run({ contract: app.suite.voting, contractName: 'voting', message: 'castVote', args: [decisionBallot(d.p.id), choice, hashText(rationale)] });
  };
  return (
    <Section title="Your vote" id="vote">
      {receipt.data && (
        <p class="small" data-testid="receipt">
          Your vote: <strong>{receipt.data.choice}</strong> with weight {receipt.data.weight.toString()} in block {receipt.data.block}.
        </p>
      )}
      <form onSubmit={submit} aria-describedby="vote-help">
        <fieldset>
          <legend>Choice</legend>
          {(['For', 'Against', 'Abstain'] as const).map((c) => (
            <label key={c} class="radio">
              <input type="radio" name="choice" value={c} checked={choice === c} onChange={() => setChoice(c)} /> {c}
            </label>
          ))}
        </fieldset>
        <label for="rationale">Rationale (optional; its BLAKE2-256 hash goes on chain)</label>
        <textarea id="rationale" rows={3} value={rationale} onInput={(e) => setRationale((e.target as HTMLTextAreaElement).value)} />
        <p id="vote-help" class="muted small">
          {app.account ? `Voting as ${app.account.name ?? app.account.address}.` : 'Connect a wallet to vote.'}
        </p>
        <button type="submit" disabled={act.busy || !app.account}>Cast vote</button>
        <TxStatusView status={act.status} />
      </form>
    </Section>
  );
}

function ReviewForm({ d }: { d: Loaded }) {
  const app = useApp();
  const act = useAction();
  const rev = d.p.revision;
  const [verdict, setVerdict] = useState<'Approve' | 'RequestChanges' | 'Reject'>('Approve');
  const [score, setScore] = useState(80);
  // Offer the perspectives the connected member holds (the contract refuses any other).
  const held = useAsync(async () => {
    if (!app.account) return [] as string[];
    const m = (await app.suite.registry.query.memberRegistryMember(app.account.address)).data as any;
    return m ? (perspectivesOf(m.profile.perspectives) as string[]) : [];
  }, [app.suite, app.account?.address]);
  const options: string[] = held.data && held.data.length ? held.data : [...PERSPECTIVES];
  const [chosen, setPerspective] = useState<string>('');
  const perspective = options.includes(chosen) ? chosen : options[0];
  const [feedback, setFeedback] = useState('');
  const [feedbackUri, setFeedbackUri] = useState('');
  const [suggestion, setSuggestion] = useState('');
  const [suggestionUri, setSuggestionUri] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    const suggestionHash = suggestion.trim() || suggestionUri.trim() ? hashText(suggestion || suggestionUri) : undefined;
    act.run({
      contract: app.suite.review,
      contractName: 'peer_review',
      message: 'submitReview',
      args: [d.p.id, rev, verdict, score, perspective, hashText(feedback), feedbackUri, suggestionHash, suggestionHash ? suggestionUri : ''],
    });
  };
  const onInput = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLInputElement).value);
  return (
    <Section title={`Review revision ${rev}`} id="review">
      <form onSubmit={submit} class="grid-form">
        <label for="r-verdict">Verdict</label>
        <select id="r-verdict" value={verdict} onChange={onInput((v) => setVerdict(v as any))}>
          <option value="Approve">Approve</option>
          <option value="RequestChanges">Request changes</option>
          <option value="Reject">Reject</option>
        </select>
        <label for="r-perspective">Perspective</label>
        <select id="r-perspective" value={perspective} onChange={onInput(setPerspective)}>
          {options.map((p) => <option key={p} value={p}>{p}</option>)}
        </select>
        <label for="r-score">Score (0–100)</label>
        <input id="r-score" type="number" min={0} max={100} value={score} onInput={(e) => setScore(Number((e.target as HTMLInputElement).value))} />
        <label for="r-feedback">Feedback (hashed in your browser)</label>
        <textarea id="r-feedback" rows={3} value={feedback} onInput={onInput(setFeedback)} />
        <label for="r-feedback-uri">Feedback URI (optional)</label>
        <input id="r-feedback-uri" type="text" value={feedbackUri} onInput={onInput(setFeedbackUri)} placeholder="ipfs://…" />
        <label for="r-suggestion">Suggested modification (optional)</label>
        <textarea id="r-suggestion" rows={2} value={suggestion} onInput={onInput(setSuggestion)} />
        <label for="r-suggestion-uri">Suggestion URI (optional)</label>
        <input id="r-suggestion-uri" type="text" value={suggestionUri} onInput={onInput(setSuggestionUri)} placeholder="ipfs://…" />
        <div class="span2">
          <button type="submit" disabled={act.busy || !app.account}>Submit review</button>
          <TxStatusView status={act.status} />
        </div>
      </form>
    </Section>
  );
}

function ProposalLog({ d }: { d: Loaded }) {
  const writers = d.log.some(({ entry }) => entry.format === 2);
  return (
    <Section title="Decision-log entries" id="plog">
      <div class="scroll">
        <table>
          <caption class="sr-only">Log entries about proposal {d.p.id}</caption>
          <thead>
            <tr>
              <th scope="col">#</th><th scope="col">Kind</th><th scope="col">Actor</th>
              {writers && <th scope="col">Writer</th>}
              <th scope="col">Block</th><th scope="col">Hash</th>
            </tr>
          </thead>
          <tbody>
            {d.log.map(({ entry, hash }) => {
              const ok = entryHash(entry) === hash;
              return (
                <tr key={entry.index.toString()}>
                  <td><a href={`#/audit/${entry.index}`}>{entry.index.toString()}</a></td>
                  <td>{entry.format === 2 ? kindText(entry.kind, entry.externalCode) : entry.kind}</td>
                  <td><AccountLink address={encodeAddress(entry.actor, 42)} /></td>
                  {writers && <td>{entry.format === 2 ? <AccountLink address={encodeAddress(entry.writer, 42)} /> : '—'}</td>}
                  <td>{entry.block}</td>
                  <td><Hash value={hash} /> <span class={ok ? 'ok' : 'error'}>{ok ? '✓ hash checks' : '✗ hash mismatch'}</span></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
