import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { stateBadge, shortAddress, shortHash, type ProposalStateName } from '../lib/format';
import { runAction, type ActionRequest, type TxStatus } from '../lib/tx';
import { signerFor } from '../lib/wallet';
import { useApp } from './context';

export function Badge({ state }: { state: ProposalStateName }) {
  const b = stateBadge(state);
  return <span class={`badge badge-${b.tone}`} data-state={state}>{b.label}</span>;
}

export function AccountLink({ address, label }: { address: string; label?: string }) {
  return (
    <a href={`#/member/${address}`} class="mono" title={address}>
      {label ?? shortAddress(address)}
    </a>
  );
}

export function Hash({ value }: { value: string }) {
  return <code class="mono" title={value}>{shortHash(value)}</code>;
}

export function Bar({ label, value, max, mark, ok }: { label: string; value: number; max: number; mark?: number; ok: boolean }) {
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <div class="bar-wrap">
      <div class="bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
        <div class={`bar-fill ${ok ? 'ok' : ''}`} style={{ width: `${pct}%` }} />
        {mark !== undefined && <div class="bar-mark" style={{ left: `${Math.min(100, (mark / max) * 100)}%` }} />}
      </div>
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return <p role="status" class="muted">Loading {what}…</p>;
}

export function ErrorText({ text }: { text: string }) {
  return <p role="alert" class="error">{text}</p>;
}

export function TxStatusView({ status }: { status: TxStatus | null }) {
  if (!status) return <div class="tx-status" aria-live="polite" />;
  return (
    <div class={`tx-status tx-${status.phase}`} aria-live="polite" role={status.phase === 'failed' ? 'alert' : 'status'} data-phase={status.phase}>
      <span class="tx-phase">{status.text}</span>
      {status.txHash && <span class="muted"> tx <Hash value={status.txHash} /></span>}
    </div>
  );
}

/**
 * A form action: dry run, sign with the connected wallet, follow pending → in block →
 * finalized, and reload the views when finalized.
 */
export function useAction() {
  const app = useApp();
  const [status, setStatus] = useState<TxStatus | null>(null);
  const busy = status !== null && !['finalized', 'failed'].includes(status.phase);
  const run = async (req: Omit<ActionRequest, 'caller' | 'signer' | 'onStatus' | 'block'>) => {
    if (!app.account) {
      setStatus({ phase: 'failed', text: 'Connect a wallet account first.' });
      return;
    }
    let signer: unknown;
    try {
      signer = await signerFor(app.account.address);
    } catch (e: any) {
      setStatus({ phase: 'failed', text: e?.message ?? String(e) });
      return;
    }
    const final = await runAction({ ...req, caller: app.account.address, signer, block: app.block, onStatus: setStatus });
    if (final.phase === 'finalized') app.bump();
  };
  return { status, busy, run, setStatus };
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  return (
    <section aria-labelledby={id ? `${id}-h` : undefined} class="card" id={id}>
      <h2 id={id ? `${id}-h` : undefined}>{title}</h2>
      {children}
    </section>
  );
}
