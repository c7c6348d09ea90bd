import { useState } from 'preact/hooks';
import { encodeAddress } from 'dedot/utils';
import { readLog } from '../lib/chain';
import { exportJson, importJson, reportText, verifyHashedChain, type ChainReport, type HashedEntry } from '../lib/log';
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

export function AuditView({ focus }: { focus?: string }) {
  const app = useApp();
  const [progress, setProgress] = useState(0);
  const data = useAsync(async () => {
    const { head, entries } = await readLog(app.suite, setProgress);
    const report: ChainReport = verifyHashedChain(entries, head);
    return { head, entries, report };
  }, [app.suite, app.version]);
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
                  exportJson(data.data!.entries, data.data!.head, {
                    network: app.suite.deployment.network,
                    chain_tag: app.suite.deployment.chain_tag,
                    log: app.suite.deployment.contracts.decision_log.address,
                  }),
                )
              }
            >
              Export JSON
            </button>
            <button type="button" onClick={data.reload}>Verify again</button>
          </div>
          <VerifyExport chainHead={data.data.head} />
          <LogTable entries={data.data.entries} focus={focus} />
        </>
      )}
    </Section>
  );
}

function LogTable({ entries, focus }: { entries: HashedEntry[]; focus?: string }) {
  return (
    <div class="scroll">
      <table class="log-table" data-testid="log-table">
        <caption class="sr-only">Decision log entries</caption>
        <thead>
          <tr>
            <th scope="col">#</th><th scope="col">Kind</th><th scope="col">Subject</th><th scope="col">Actor</th>
            <th scope="col">Payload</th><th scope="col">Block</th><th scope="col">Time</th><th scope="col">Hash</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(({ entry: e, hash }) => (
            <tr key={e.index.toString()} id={`entry-${e.index}`} class={focus === e.index.toString() ? 'focus' : ''}>
              <td>{e.index.toString()}</td>
              <td>{e.kind}</td>
              <td>{e.subject ? <a href={`#/proposal/${e.subject}`}>#{e.subject}</a> : '—'}</td>
              <td><a class="mono" href={`#/member/${encodeAddress(e.actor, 42)}`}>{shortAddress(encodeAddress(e.actor, 42))}</a></td>
              <td><Hash value={e.payloadHash} /></td>
              <td>{e.block}</td>
              <td class="small">{e.timestamp > 0n ? new Date(Number(e.timestamp)).toISOString().replace('.000Z', 'Z') : '—'}</td>
              <td><Hash value={hash} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Re-verifies an exported file offline, and says whether its head is (a prefix of) this chain's. */
function VerifyExport({ chainHead }: { chainHead: [bigint, string] }) {
  const app = useApp();
  const [result, setResult] = useState('');
  const onFile = async (e: Event) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (!f) return;
    try {
      const { entries, head } = importJson(await f.text());
      const r = verifyHashedChain(entries, head);
      let text = `${f.name}: ${reportText(r)}`;
      if (r.ok) {
        if (head[0] === chainHead[0]) text += head[1] === chainHead[1] ? ' — the same head as the chain now.' : ' — but the chain has another head at that length!';
        else if (head[0] < chainHead[0]) {
          const e = (await app.suite.log.query.entry(head[0] - 1n)).data as any;
          const same = e.isOk && e.value.hash === head[1];
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
