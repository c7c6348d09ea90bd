import { useState } from 'preact/hooks';
import { encodeAddress } from 'dedot/utils';
import { logFormat, readEntry, readLog } from '../lib/chain';
import {
  EXPORT_FORMATS, describeKindSet, exportJson, importJson, kindText, kindsOfPayload, reportText, successionText, verifyLog,
  type HashedEntry, type LogFormat, type LogReport, type Subject,
} from '../lib/log';
import { shortAddress } from '../lib/format';
import { ErrorText, Hash, Loading, Section } from './components';
import { useApp, useAsync } from './context';

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** What the audit view says about a log format. */
export function formatText(format: LogFormat): string {
  return format === 2
    ? 'Log format 2: every entry records the account that appended it (its writer) and a typed subject; the writers are replayed and checked.'
    : 'Log format 1 (a log deployed before format 2): entries do not record who appended them, so writers cannot be checked.';
}

export function AuditView({ focus }: { focus?: string }) {
  const app = useApp();
  const [progress, setProgress] = useState(0);
  const data = useAsync(async () => {
    const { format, head, entries } = await readLog(app.suite, setProgress);
    const report: LogReport = verifyLog(format, entries, head);
    return { format, head, entries, report };
  }, [app.suite, app.version]);
  // The suite's own contracts, by address, to name the writers.
  const c = app.suite.deployment.contracts;
  const names: Record<string, string> = {
    [c.proposals.address]: 'hub',
    [c.peer_review.address]: 'peer review',
    [c.voting.address]: 'voting',
    ...(app.suite.deployment.deployer ? { [app.suite.deployment.deployer]: 'deployer' } : {}),
  };
  return (
    <Section title="Decision log audit" id="audit">
      <p class="small muted">
        Every entry is re-hashed in your browser with the rule of docs/auditing.md,
        <code> hash = BLAKE2b-256(prev_hash ‖ SCALE(entry))</code>, and the chain is checked against the head read from the
        decision log contract at {shortAddress(app.suite.deployment.contracts.decision_log.address)}.
      </p>
      {data.error && <ErrorText text={data.error} />}
      {!data.data && <Loading what={`the log (${progress} entries)`} />}
      {data.data && (
        <>
          <p class="small" data-testid="log-format" data-format={data.data.format}>{formatText(data.data.format)}</p>
          <p role="status" data-testid="verify-result" class={data.data.report.ok ? 'verified' : 'error'}>
            {data.data.report.ok ? '✓ ' : '✗ '}
            {reportText(data.data.report)}
          </p>
          <p class="small">Head from the chain: {data.data.head[0].toString()} entries, <Hash value={data.data.head[1]} /></p>
          <div class="row">
            <button
              type="button"
              onClick={() =>
                download(
                  `agora-log-${app.suite.deployment.network}-${data.data!.head[0]}.json`,
                  exportJson(data.data!.format, data.data!.entries, data.data!.head, {
                    network: app.suite.deployment.network,
                    chain_tag: app.suite.deployment.chain_tag,
                    log: app.suite.deployment.contracts.decision_log.address,
                  }),
                )
              }
            >
              Export JSON ({EXPORT_FORMATS[data.data.format]})
            </button>
            <button type="button" onClick={data.reload}>Verify again</button>
          </div>
          <VerifyExport chainHead={data.data.head} />
          <LogTable format={data.data.format} entries={data.data.entries} focus={focus} names={names} />
        </>
      )}
    </Section>
  );
}

const sameHash = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const ss58 = (hex: string) => encodeAddress(hex, 42);

function AccountCell({ hex, names }: { hex: string; names: Record<string, string> }) {
  const address = ss58(hex);
  const name = names[address];
  return (
    <a class="mono" href={`#/member/${address}`} title={address}>
      {name ? `${name} (${shortAddress(address)})` : shortAddress(address)}
    </a>
  );
}

/** A subject as the table shows it, linked where the app has a page for it. */
export function SubjectCell({ subject, names }: { subject: Subject; names: Record<string, string> }) {
  switch (subject.type) {
    case 'suite':
      return <span>suite</span>;
    case 'proposal':
      return <a href={`#/proposal/${subject.id}`}>proposal #{subject.id}</a>;
    case 'member':
      return <span>member <AccountCell hex={subject.account} names={names} /></span>;
    case 'round':
      return <span>round {subject.id}</span>;
    case 'bid':
      return <span>bid {subject.bid} of round {subject.round}</span>;
    case 'mandate':
      return <span>mandate {subject.id}</span>;
    case 'act':
      return <span>act {subject.act} of mandate {subject.mandate}</span>;
  }
}

function LogTable({ format, entries, focus, names }: { format: LogFormat; entries: HashedEntry[]; focus?: string; names: Record<string, string> }) {
  return (
    <div class="scroll">
      <table class="log-table" data-testid="log-table">
        <caption class="sr-only">Decision log entries (format {format})</caption>
        <thead>
          <tr>
            <th scope="col">#</th><th scope="col">Kind</th><th scope="col">Subject</th><th scope="col">Actor</th>
            {format === 2 && <th scope="col">Writer</th>}
            <th scope="col">Payload</th><th scope="col">Block</th><th scope="col">Time</th><th scope="col">Hash</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(({ entry: e, hash }) => {
            const kinds = e.format === 2 && e.kind === 'WriterAuthorized' ? kindsOfPayload(e.payloadHash) : null;
            const succession = e.format === 2 ? successionText(e.kind) : null;
            return (
              <tr key={e.index.toString()} id={`entry-${e.index}`} class={focus === e.index.toString() ? 'focus' : ''} data-index={e.index.toString()}>
                <td>{e.index.toString()}</td>
                <td data-testid="entry-kind">
                  {e.format === 2 ? kindText(e.kind, e.externalCode) : e.kind}
                  {succession !== null && (
                    <span class="small muted" data-testid="entry-succession"> {succession} <AccountCell hex={e.actor} names={names} /></span>
                  )}
                </td>
                <td data-testid="entry-subject">
                  {e.format === 2 ? (
                    <SubjectCell subject={e.subject} names={names} />
                  ) : e.subject ? (
                    <a href={`#/proposal/${e.subject}`}>#{e.subject}</a>
                  ) : (
                    '—'
                  )}
                </td>
                <td><AccountCell hex={e.actor} names={names} /></td>
                {e.format === 2 && <td data-testid="entry-writer"><AccountCell hex={e.writer} names={names} /></td>}
                <td>
                  <Hash value={e.payloadHash} />
                  {kinds !== null && <span class="small muted"> kinds: {describeKindSet(kinds)}</span>}
                </td>
                <td>{e.block}</td>
                <td class="small">{e.timestamp > 0n ? new Date(Number(e.timestamp)).toISOString().replace('.000Z', 'Z') : '—'}</td>
                <td><Hash value={hash} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Re-verifies an exported file offline (v2 or v3), and says whether its head is (a prefix of) this chain's. */
function VerifyExport({ chainHead }: { chainHead: [bigint, string] }) {
  const app = useApp();
  const [result, setResult] = useState('');
  const onFile = async (e: Event) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (!f) return;
    try {
      const { format, exportFormat, entries, head } = importJson(await f.text());
      const r = verifyLog(format, entries, head);
      let text = `${f.name} (${exportFormat}, log format ${format}): ${reportText(r)}`;
      if (r.ok) {
        const chainFormat = await logFormat(app.suite);
        if (format !== chainFormat) text += ` — but this chain's log writes format ${chainFormat}, so it is not this log.`;
        else if (head[0] === chainHead[0]) text += sameHash(head[1], chainHead[1]) ? ' — the same head as the chain now.' : ' — but the chain has another head at that length!';
        else if (head[0] === 0n) text += ` — an empty log (the chain now has ${chainHead[0]} entries).`;
        else if (head[0] < chainHead[0]) {
          const last = await readEntry(app.suite, head[0] - 1n);
          const same = last !== null && sameHash(last.hash, head[1]);
          text += same ? ` — a prefix of the chain (which now has ${chainHead[0]} entries).` : ' — not a prefix of this chain!';
        } else text += ' — longer than this chain.';
      }
      setResult(text);
    } catch (err: any) {
      setResult(`${f.name}: not an export of this app (${err.message})`);
    }
  };
  return (
    <div class="row small">
      <label for="verify-file">Verify an exported file</label>
      <input id="verify-file" type="file" accept="application/json,.json" onChange={onFile} />
      {result && <p role="status" class="break" data-testid="verify-file-result">{result}</p>}
    </div>
  );
}
