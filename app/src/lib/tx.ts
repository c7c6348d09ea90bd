// Runs one contract message from the connected wallet: dry run (refusing a contract `Err`
// with a readable sentence before anything is signed), then sign, submit and follow the
// extrinsic through pending → in block → finalized.
import type { Contract } from '@dedot/contracts';
import { describeContractError, describeDispatchError, describeFailure, type ContractName } from './errors';

export type TxPhase = 'checking' | 'signing' | 'pending' | 'inBlock' | 'finalized' | 'failed';

export interface TxStatus {
  phase: TxPhase;
  text: string;
  blockNumber?: number;
  txHash?: string;
}

export const PHASE_TEXT: Record<TxPhase, string> = {
  checking: 'Checking with a dry run…',
  signing: 'Waiting for your wallet to sign…',
  pending: 'Pending: submitted, waiting for a block…',
  inBlock: 'In block',
  finalized: 'Finalized',
  failed: 'Failed',
};

export class ActionError extends Error {}

export interface ActionRequest {
  contract: Contract<any>;
  contractName: ContractName;
  message: string;
  args: unknown[];
  caller: string;
  signer?: unknown;
  value?: bigint;
  /** Current block, to word "too early" errors. */
  block?: number;
  onStatus: (s: TxStatus) => void;
}

/** The dry run's gas plus a margin: the transaction runs one block later than the dry run. */
export function withMargin(g: { refTime: bigint; proofSize: bigint }): { refTime: bigint; proofSize: bigint } {
  return { refTime: (g.refTime * 3n) / 2n, proofSize: (g.proofSize * 3n) / 2n };
}

/** Dry-runs a message as `caller`; returns the readable refusal, or null if it would pass. */
export async function dryRun(req: Omit<ActionRequest, 'onStatus' | 'signer'>): Promise<{ refusal: string | null; gas?: any; data?: unknown }> {
  const { contract, message, args, caller, value } = req;
  const q = await (contract.query as any)[message](...args, { caller, ...(value ? { value } : {}) });
  const data = q.data;
  if (data && typeof data === 'object' && 'isErr' in data && data.isErr) {
    return { refusal: describeContractError(req.contractName, data.err, { block: req.block }), data };
  }
  if (q.flags?.revert) return { refusal: 'The contract would revert this call.', data };
  return { refusal: null, gas: q.raw.gasRequired, data };
}

export async function runAction(req: ActionRequest): Promise<TxStatus> {
  const { contract, message, args, caller, signer, value, onStatus } = req;
  const report = (s: TxStatus) => {
    onStatus(s);
    return s;
  };
  try {
    report({ phase: 'checking', text: PHASE_TEXT.checking });
    const dry = await dryRun(req);
    if (dry.refusal) return report({ phase: 'failed', text: dry.refusal });
    report({ phase: 'signing', text: PHASE_TEXT.signing });
    const tx = (contract.tx as any)[message](...args, { gasLimit: withMargin(dry.gas), ...(value ? { value } : {}) });
    const client: any = (contract as any).client;
    return await new Promise<TxStatus>((resolve) => {
      let done = false;
      const finish = (s: TxStatus) => {
        if (done) return;
        done = true;
        resolve(report(s));
      };
      tx.signAndSend(caller, { signer }, (result: any) => {
        const st = result.status;
        const txHash = result.txHash;
        if (st.type === 'Broadcasting' || st.type === 'Validated') {
          report({ phase: 'pending', text: PHASE_TEXT.pending, txHash });
        } else if (st.type === 'BestChainBlockIncluded' || st.type === 'Finalized') {
          const blockNumber = st.value?.blockNumber;
          if (result.dispatchError) {
            const meta = client.registry.findErrorMeta?.(result.dispatchError);
            finish({ phase: 'failed', text: describeDispatchError(meta, result.dispatchError), blockNumber, txHash });
            return;
          }
          if (st.type === 'Finalized') finish({ phase: 'finalized', text: `${PHASE_TEXT.finalized} in block ${blockNumber ?? '?'}`, blockNumber, txHash });
          else report({ phase: 'inBlock', text: `${PHASE_TEXT.inBlock} ${blockNumber ?? ''}`.trim(), blockNumber, txHash });
        } else if (st.type === 'Invalid' || st.type === 'Drop') {
          finish({ phase: 'failed', text: `The transaction was dropped (${st.value?.error ?? st.type}).`, txHash });
        }
      }).catch((e: unknown) => finish({ phase: 'failed', text: describeFailure(e) }));
    });
  } catch (e) {
    return report({ phase: 'failed', text: describeFailure(e) });
  }
}
