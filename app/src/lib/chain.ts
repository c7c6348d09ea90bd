// The connection to the chain: a dedot client and the five contracts, typed with the bindings
// generated from their metadata (npm run typegen).
import { DedotClient, WsProvider } from 'dedot';
import { Contract } from '@dedot/contracts';
import type { DecisionLogContractApi } from '../contracts/generated/decision-log';
import type { AgentRegistryContractApi } from '../contracts/generated/agent-registry';
import type { PeerReviewContractApi } from '../contracts/generated/peer-review';
import type { VotingContractApi } from '../contracts/generated/voting';
import type { ProposalsContractApi } from '../contracts/generated/proposals';
import decisionLogMeta from '../contracts/metadata/decision_log.json';
import agentRegistryMeta from '../contracts/metadata/agent_registry.json';
import peerReviewMeta from '../contracts/metadata/peer_review.json';
import votingMeta from '../contracts/metadata/voting.json';
import proposalsMeta from '../contracts/metadata/proposals.json';
import type { Deployment } from './deployments';
import type { HashedEntry, LogEntry } from './log';

export const METADATA = {
  decision_log: decisionLogMeta,
  agent_registry: agentRegistryMeta,
  peer_review: peerReviewMeta,
  voting: votingMeta,
  proposals: proposalsMeta,
} as const;

// A caller for read-only dry runs when no wallet is connected (//Alice's well-known address;
// any account works, queries change nothing).
const READ_ONLY_CALLER = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

export interface Suite {
  client: DedotClient;
  deployment: Deployment;
  log: Contract<DecisionLogContractApi>;
  registry: Contract<AgentRegistryContractApi>;
  review: Contract<PeerReviewContractApi>;
  voting: Contract<VotingContractApi>;
  hub: Contract<ProposalsContractApi>;
  /** Code hashes on chain that differ from the bundled metadata's (stale bindings). */
  codeMismatch: string[];
}

export async function connect(deployment: Deployment): Promise<Suite> {
  const client = await DedotClient.new({ provider: new WsProvider(deployment.url), rpcVersion: 'legacy' });
  const opts = { defaultCaller: deployment.deployer || READ_ONLY_CALLER };
  const c = deployment.contracts;
  const make = <T,>(name: keyof typeof METADATA) =>
    new Contract<any>(client, METADATA[name] as any, c[name].address, opts) as unknown as T;
  const codeMismatch = Object.entries(c)
    .filter(([name, e]) => e.code_hash && (METADATA as any)[name]?.source?.hash && e.code_hash !== (METADATA as any)[name].source.hash)
    .map(([name]) => name);
  return {
    client,
    deployment,
    log: make('decision_log'),
    registry: make('agent_registry'),
    review: make('peer_review'),
    voting: make('voting'),
    hub: make('proposals'),
    codeMismatch,
  };
}

/** An ink! `Result` as dedot decodes it. */
export type InkResult<T, E> = { isOk: true; isErr?: false; value: T } | { isOk?: false; isErr: true; err: E };

export function unwrap<T, E>(r: InkResult<T, E>, what: string): T {
  if (r.isErr) throw new Error(`${what}: ${JSON.stringify((r as any).err)}`);
  return (r as any).value as T;
}

const rawOf = (a: any): string => (typeof a === 'string' ? a : a.raw);
export const addressOf = (a: any): string => (typeof a === 'string' ? a : a.address());

/** A decoded log entry from the contract as the verifier's plain shape. */
export function toHashedEntry(x: any): HashedEntry {
  const e = x.entry;
  const entry: LogEntry = {
    index: BigInt(e.index),
    kind: e.kind,
    subject: e.subject,
    actor: rawOf(e.actor),
    payloadHash: e.payloadHash,
    block: e.block,
    timestamp: BigInt(e.timestamp),
    prevHash: e.prevHash,
  };
  return { entry, hash: x.hash };
}

/** The whole log, page by page (100 per page), with the head read first. */
export async function readLog(s: Suite, onPage?: (n: number) => void): Promise<{ head: [bigint, string]; entries: HashedEntry[] }> {
  const h = (await s.log.query.decisionLogHead()).data as [bigint, string];
  const head: [bigint, string] = [BigInt(h[0]), h[1]];
  const entries: HashedEntry[] = [];
  while (BigInt(entries.length) < head[0]) {
    const page = unwrap((await s.log.query.entries(BigInt(entries.length), 100)).data as any, 'entries') as any[];
    if (!page.length) break;
    entries.push(...page.map(toHashedEntry));
    onPage?.(entries.length);
  }
  return { head, entries: entries.slice(0, Number(head[0])) };
}

/** Every log entry about one proposal. */
export async function readSubjectLog(s: Suite, subject: number): Promise<HashedEntry[]> {
  const len = Number((await s.log.query.subjectLen(subject)).data);
  const out: HashedEntry[] = [];
  while (out.length < len) {
    const page = unwrap((await s.log.query.entriesFor(subject, BigInt(out.length), 100)).data as any, 'entries_for') as any[];
    if (!page.length) break;
    out.push(...page.map(toHashedEntry));
  }
  return out;
}
