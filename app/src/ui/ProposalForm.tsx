import { useState } from 'preact/hooks';
import { blake2AsHex } from 'dedot/utils';
import { addressOf } from '../lib/chain';
import { isHash32 } from '../lib/hex';
import { ErrorText, Loading, Section, TxStatusView, useAction } from './components';
import { useApp, useAsync } from './context';

interface TransferRow {
  to: string;
  amount: string;
}

/** Parses the form's actions: transfer rows, or a JSON array of actions in the bindings' shape. */
export function parseActions(rows: TransferRow[], json: string): any[] {
  if (json.trim()) {
    const parsed = JSON.parse(json, (_k, v) => (typeof v === 'string' && /^\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v));
    if (!Array.isArray(parsed)) throw new Error('Actions JSON must be an array.');
    return parsed;
  }
  return rows
    .filter((r) => r.to.trim() || r.amount.trim())
    .map((r, i) => {
      if (!/^[1-9A-HJ-NP-Za-km-z]{46,48}$/.test(r.to.trim())) throw new Error(`Transfer ${i + 1}: the recipient is not an SS58 address.`);
      if (!/^\d+$/.test(r.amount.trim())) throw new Error(`Transfer ${i + 1}: the amount must be a whole number.`);
      return { type: 'Transfer', value: [r.to.trim(), BigInt(r.amount.trim())] };
    });
}

/** Submit a new proposal, or revise proposal `id` (prefilled from its latest revision). */
export function ProposalForm({ id }: { id?: number }) {
  const app = useApp();
  const prev = useAsync(async () => {
    if (id === undefined) return null;
    const p = (await app.suite.hub.query.proposal(id)).data as any;
    if (!p) throw new Error(`There is no proposal #${id}.`);
    return (await app.suite.hub.query.revision(id, p.revision)).data as any;
  }, [app.suite, id]);
  if (id !== undefined && !prev.data) return prev.error ? <ErrorText text={prev.error} /> : <Loading what="the latest revision" />;
  return <Form id={id} prev={prev.data} key={id ?? 'new'} />;
}

function Form({ id, prev }: { id?: number; prev: any }) {
  const app = useApp();
  const act = useAction();
  const [content, setContent] = useState('');
  const [contentHash, setContentHash] = useState<string>(prev?.contentHash ?? '');
  const [uri, setUri] = useState<string>(prev?.uri ?? '');
  const simple = !prev || prev.actions.every((a: any) => a.type === 'Transfer');
  const [rows, setRows] = useState<TransferRow[]>(
    simple && prev ? prev.actions.map((a: any) => ({ to: addressOf(a.value[0]), amount: a.value[1].toString() })) : [{ to: '', amount: '' }],
  );
  const [json, setJson] = useState(simple ? '' : JSON.stringify(prev.actions, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v && v.raw ? addressOf(v) : v), 1));
  const [formError, setFormError] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    setFormError('');
    let actions: any[];
    const hash = content.trim() ? blake2AsHex(content, 256) : contentHash.trim();
    if (!isHash32(hash)) return setFormError('Give the content (hashed here) or a 32-byte content hash (0x + 64 hex digits).');
    try {
      actions = parseActions(rows, json);
    } catch (err: any) {
      return setFormError(err.message);
    }
    if (id === undefined) act.run({ contract: app.suite.hub, contractName: 'proposals', message: 'submit', args: [hash, uri, actions] });
    else act.run({ contract: app.suite.hub, contractName: 'proposals', message: 'revise', args: [id, hash, uri, actions] });
  };
  const setRow = (i: number, k: keyof TransferRow, v: string) => setRows(rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  return (
    <Section title={id === undefined ? 'New proposal' : `Revise proposal #${id}`} id="pform">
      <form onSubmit={submit} class="grid-form">
        <label for="f-content">Content (hashed in your browser; leave empty to give a hash)</label>
        <textarea id="f-content" rows={4} value={content} onInput={(e) => setContent((e.target as HTMLTextAreaElement).value)} />
        <label for="f-hash">Content hash</label>
        <input id="f-hash" class="mono" value={content.trim() ? blake2AsHex(content, 256) : contentHash} disabled={!!content.trim()} onInput={(e) => setContentHash((e.target as HTMLInputElement).value)} placeholder="0x…" />
        <label for="f-uri">URI (at most 256 bytes)</label>
        <input id="f-uri" value={uri} onInput={(e) => setUri((e.target as HTMLInputElement).value)} placeholder="ipfs://…" />
        <fieldset class="span2">
          <legend>Treasury transfers</legend>
          {rows.map((r, i) => (
            <div class="row" key={i}>
              <label for={`f-to-${i}`}>To</label>
              <input id={`f-to-${i}`} class="mono grow" value={r.to} onInput={(e) => setRow(i, 'to', (e.target as HTMLInputElement).value)} />
              <label for={`f-amount-${i}`}>Amount</label>
              <input id={`f-amount-${i}`} inputMode="numeric" value={r.amount} onInput={(e) => setRow(i, 'amount', (e.target as HTMLInputElement).value)} />
            </div>
          ))}
          <button type="button" class="secondary" onClick={() => setRows([...rows, { to: '', amount: '' }])}>Add transfer</button>
        </fieldset>
        <details class="span2" open={!simple}>
          <summary>Other actions (JSON)</summary>
          <label for="f-json">Actions as JSON, replacing the transfers (e.g. [{'{'}"type":"SuspendMember","value":"5F…"{'}'}]; big numbers as "123n")</label>
          <textarea id="f-json" class="mono" rows={5} value={json} onInput={(e) => setJson((e.target as HTMLTextAreaElement).value)} />
        </details>
        {formError && <p role="alert" class="error span2">{formError}</p>}
        <div class="span2">
          <button type="submit" disabled={act.busy || !app.account}>{id === undefined ? 'Submit proposal' : 'Submit revision'}</button>
          <TxStatusView status={act.status} />
          {act.status?.phase === 'finalized' && id !== undefined && <a href={`#/proposal/${id}`}>Back to proposal #{id}</a>}
          {act.status?.phase === 'finalized' && id === undefined && <a href="#/">See the proposals</a>}
        </div>
      </form>
    </Section>
  );
}
