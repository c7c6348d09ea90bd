// The deployments file `agora deploy` writes (deploy/deployments/<network>.json):
//   {"network","url","chain_tag","block","deployer","salt",
//    "contracts":{"decision_log":{"address","code_hash"},…},"founders","bootstrap_complete"}
// It says where the suite is, not what state it is in: the governance parameters in force are
// read from the hub (`proposals` query `params()`), since a SetParams proposal changes them.
// Files written before carried a "params" copy; it is ignored.
import type { ContractName } from './errors';

export const CONTRACT_NAMES: ContractName[] = ['decision_log', 'agent_registry', 'peer_review', 'voting', 'proposals'];

export interface Deployment {
  network: string;
  url: string;
  chain_tag: string;
  block: number;
  deployer: string;
  contracts: Record<ContractName, { address: string; code_hash: string }>;
  bootstrap_complete: boolean;
}

const SS58 = /^[1-9A-HJ-NP-Za-km-z]{46,48}$/;

/** Validates a parsed deployments file; throws with the first problem found. */
export function parseDeployment(json: unknown, source = 'deployments file'): Deployment {
  const d = json as any;
  const fail = (what: string): never => {
    throw new Error(`${source}: ${what}`);
  };
  if (!d || typeof d !== 'object') fail('not a JSON object');
  if (typeof d.network !== 'string' || !d.network) fail('"network" missing');
  if (typeof d.url !== 'string' || !/^wss?:\/\//.test(d.url)) fail('"url" must be a ws:// or wss:// URL');
  if (!d.contracts || typeof d.contracts !== 'object') fail('"contracts" missing');
  for (const c of CONTRACT_NAMES) {
    const e = d.contracts[c];
    if (!e || typeof e.address !== 'string') fail(`contracts.${c}.address missing`);
    if (!SS58.test(e.address)) fail(`contracts.${c}.address is not an SS58 address`);
  }
  return {
    network: d.network,
    url: d.url,
    chain_tag: d.chain_tag ?? '',
    block: Number(d.block ?? 0),
    deployer: d.deployer ?? '',
    contracts: d.contracts,
    bootstrap_complete: d.bootstrap_complete === true,
  };
}

/**
 * Where the app looks for deployments: `?deployment=<url>` wins, then a file the user loaded
 * (kept in localStorage), then `deployments/<network>.json` next to the app, `network` from
 * `?network=` or the last choice (default "local").
 */
export function deploymentUrl(search: string, storedNetwork: string | null): { url: string; network: string } {
  const q = new URLSearchParams(search);
  const explicit = q.get('deployment');
  const network = q.get('network') ?? storedNetwork ?? 'local';
  if (explicit) return { url: explicit, network };
  if (!/^[A-Za-z0-9_.-]+$/.test(network)) throw new Error(`invalid network name ${network}`);
  return { url: `deployments/${network}.json`, network };
}
