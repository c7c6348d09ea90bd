import { useState } from 'preact/hooks';
import { blake2AsHex } from 'dedot/utils';
import { addressOf } from '../lib/chain';
import { isHash32 } from '../lib/hex';
import { contentProblemText, parseActions, type TransferRow } from '../lib/proposal-input';
import { type ActionLike, actionsToWire } from '../lib/wire';
import { ErrorText, Loading, Section, TxStatusView, useAction } from './components';
import { useApp, useAsync } from './context';

const JSON_EXAMPLE = '[{"type": "suspend_member", "account": "5F…"}, {"type": "transfer", "to": "5F…", "amount": "1000"}]';

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
  // A revision with other actions than transfers is prefilled in the JSON dialect.
  const [json, setJson] = useState(simple ? '' : JSON.stringify(actionsToWire(prev.actions), null, 2));
  const [formError, setFormError] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    setFormError('');
    let actions: ActionLike[];
    const hash = content.trim() ? blake2AsHex(content, 256) : contentHash.trim();
    if (!isHash32(hash)) return setFormError('Give the content (hashed here) or a 32-byte content hash (0x + 64 hex digits).');
    try {
      actions = parseActions(rows, json);
    } catch (err: any) {
      return setFormError(err.message);
    }
    const refused = contentProblemText(uri, actions);
    if (refused) return setFormError(refused);
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
          <label for="f-json">Actions as JSON, replacing the transfers</label>
          <p id="f-json-help" class="small muted">
            A list of at most 8 actions in the suite’s JSON dialect, as the CLI and the signers write them (docs/signing.md, “JSON dialect”): <code>type</code> in snake_case
            (transfer, register_member, update_member, suspend_member, reinstate_member, remove_member, set_params, authorize_writer, revoke_writer, call, succession), accounts in
            SS58 or 0x + 64 hex digits, bytes as lowercase 0x-hex, amounts and weights as decimal strings without leading zeros, perspectives by their exact lowercase names (safety,
            creativity, ethics, efficiency, finance, legal, community, technical). Every field is required, <code>null</code> for none: a register_member has its{' '}
            <code>key</code>, and a set_params names every parameter (no defaults). A succession (<code>successor</code>: the successor suite’s hub, <code>code_hash</code>: the
            code its hub must run) hands the suite on for good — the whole treasury, the log sealed, this hub retired — and must be the proposal’s only action.
          </p>
          <textarea
            id="f-json"
            class="mono"
            rows={8}
            value={json}
            placeholder={JSON_EXAMPLE}
            aria-describedby="f-json-help"
            spellcheck={false}
            onInput={(e) => setJson((e.target as HTMLTextAreaElement).value)}
          />
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
