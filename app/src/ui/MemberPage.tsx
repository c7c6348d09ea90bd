import { addressOf, unwrap } from '../lib/chain';
import { bpsText, perspectivesOf, ratioBps } from '../lib/format';
import { AccountLink, ErrorText, Loading, Section } from './components';
import { useApp, useAsync } from './context';

export function MembersList() {
  const app = useApp();
  const data = useAsync(async () => {
    const count = Number((await app.suite.registry.query.memberCount()).data);
    const out: any[] = [];
    for (let from = 0; from < count; from += 32) {
      out.push(...(unwrap((await app.suite.registry.query.members(from, 32)).data as any, 'members') as any[]));
    }
    return out;
  }, [app.suite, app.version]);
  return (
    <Section title="Members" id="members">
      {data.error && <ErrorText text={data.error} />}
      {!data.data && <Loading what="members" />}
      {data.data && (
        <div class="scroll">
          <table>
            <thead><tr><th scope="col">Member</th><th scope="col">Kind</th><th scope="col">Perspectives</th><th scope="col">Weight</th><th scope="col">Status</th></tr></thead>
            <tbody>
              {data.data.map((m) => (
                <tr key={addressOf(m.account)}>
                  <td><AccountLink address={addressOf(m.account)} /></td>
                  <td>{m.profile.kind}</td>
                  <td>{perspectivesOf(m.profile.perspectives).join(', ')}</td>
                  <td>{m.profile.weight.toString()}</td>
                  <td>{m.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

/** Reviews `account` gave, found by scanning the proposals' review rounds (newest first). */
async function reviewsGiven(suite: ReturnType<typeof useApp>['suite'], account: string, maxProposals = 100) {
  const count = Number((await suite.hub.query.proposalCount()).data);
  const out: any[] = [];
  for (let id = count; id >= 1 && id > count - maxProposals; id--) {
    const latest = (await suite.review.query.latestRevision(id)).data as number | undefined;
    for (let rev = latest ?? 0; rev >= 1; rev--) {
      const r = (await suite.review.query.review(id, rev, account)).data;
      if (r) {
        const rr = (await suite.review.query.roundReviewer(id, rev, account)).data as any;
        const round = (await suite.review.query.round(id, rev)).data as any;
        out.push({ ...r, settled: rr?.settled ?? false, roundClosed: round?.closed ?? false });
      }
    }
  }
  return out;
}

export function MemberPage({ address }: { address: string }) {
  const app = useApp();
  const data = useAsync(async () => {
    const member = (await app.suite.registry.query.memberRegistryMember(address)).data as any;
    const record = (await app.suite.review.query.reviewerRecord(address)).data as any;
    const reviews = member ? await reviewsGiven(app.suite, address) : [];
    const authored = Number((await app.suite.hub.query.openProposals(address)).data);
    return { member, record, reviews, authored };
  }, [app.suite, address, app.version]);
  if (data.error) return <ErrorText text={data.error} />;
  if (!data.data) return <Loading what="member" />;
  const { member: m, record, reviews, authored } = data.data;
  return (
    <div class="stack">
      <Section title="Member" id="member">
        <p class="mono break">{address}</p>
        {!m && <p>This account is not a member.</p>}
        {m && (
          <dl class="facts">
            <dt>Kind</dt>
            <dd data-testid="member-kind">{m.profile.kind}</dd>
            <dt>Perspectives</dt>
            <dd>{perspectivesOf(m.profile.perspectives).join(', ') || '—'}</dd>
            <dt>Weight</dt>
            <dd>{m.profile.weight.toString()}</dd>
            <dt>Status</dt>
            <dd>{m.status} since block {m.joinedAt}</dd>
            {m.profile.operator && (
              <>
                <dt>Operator</dt>
                <dd><AccountLink address={addressOf(m.profile.operator)} /></dd>
              </>
            )}
            <dt>Metadata</dt>
            <dd class="break">{m.profile.metadataUri || '—'}</dd>
            <dt>Signing key</dt>
            <dd class="mono break">{m.signingKey ?? 'none'}</dd>
            <dt>Open proposals</dt>
            <dd>{authored}</dd>
          </dl>
        )}
      </Section>
      <Section title="Reviewer record" id="record">
        <p data-testid="record">
          {record.reviewsGiven} review(s) given · {record.settled} settled · {record.agreed} agreed with the round’s outcome
          {record.settled > 0 ? ` (${bpsText(ratioBps(BigInt(record.agreed), BigInt(record.settled)))})` : ''}
        </p>
        {reviews.length > 0 && (
          <div class="scroll">
            <table>
              <thead><tr><th scope="col">Proposal</th><th scope="col">Revision</th><th scope="col">Perspective</th><th scope="col">Verdict</th><th scope="col">Score</th><th scope="col">Settled</th></tr></thead>
              <tbody>
                {reviews.map((r, k) => (
                  <tr key={k}>
                    <td><a href={`#/proposal/${r.proposal}`}>#{r.proposal}</a></td>
                    <td>{r.revision}{r.version > 1 ? ` (v${r.version})` : ''}</td>
                    <td>{r.perspective}</td>
                    <td>{r.verdict}</td>
                    <td>{r.score}</td>
                    <td>{r.settled ? 'yes' : r.roundClosed ? 'not yet' : 'round open'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}
