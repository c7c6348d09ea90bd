import { unwrap, addressOf } from '../lib/chain';
import { nextStep, type ProposalStateName } from '../lib/format';
import { AccountLink, Badge, ErrorText, Loading } from './components';
import { useApp, useAsync } from './context';

export interface ProposalRow {
  id: number;
  author: string;
  authorKind: string;
  revision: number;
  state: ProposalStateName;
  p: any;
}

export async function loadProposals(suite: ReturnType<typeof useApp>['suite']): Promise<ProposalRow[]> {
  const count = Number((await suite.hub.query.proposalCount()).data);
  const rows: ProposalRow[] = [];
  for (let from = 1; from <= count; from += 50) {
    const page = unwrap((await suite.hub.query.proposals(from, 50)).data as any, 'proposals') as any[];
    for (const p of page) {
      const st = (await suite.hub.query.state(p.id)).data as any;
      rows.push({ id: p.id, author: addressOf(p.author), authorKind: p.authorKind, revision: p.revision, state: st.isOk ? st.value : p.stage, p });
    }
  }
  return rows.reverse();
}

export function ProposalsList() {
  const app = useApp();
  const rows = useAsync(() => loadProposals(app.suite), [app.suite, app.version]);
  return (
    <section class="card" aria-labelledby="proposals-h">
      <div class="row-between">
        <h2 id="proposals-h">Proposals</h2>
        <a class="button" href="#/new">New proposal</a>
      </div>
      {rows.error && <ErrorText text={rows.error} />}
      {!rows.data && rows.loading && <Loading what="proposals" />}
      {rows.data && rows.data.length === 0 && <p class="muted">No proposals yet.</p>}
      {rows.data && rows.data.length > 0 && (
        <ul class="plist" data-testid="proposal-list">
          {rows.data.map((r) => {
            const step = nextStep({ ...r.p, stage: r.state }, app.block);
            return (
              <li key={r.id} class="pitem" data-proposal={r.id}>
                <div class="row-between">
                  <a href={`#/proposal/${r.id}`} class="ptitle">Proposal #{r.id}</a>
                  <Badge state={r.state} />
                </div>
                <div class="muted small">
                  by <AccountLink address={r.author} /> ({r.authorKind}) · revision {r.revision}
                </div>
                <div class={`countdown small ${step.due ? 'due' : ''}`}>{step.label}</div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
