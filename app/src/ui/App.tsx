import { useEffect, useState } from 'preact/hooks';
import { connect, hubSuccessor, type Suite } from '../lib/chain';
import { deploymentUrl, parseDeployment, type Deployment } from '../lib/deployments';
import { retiredText, shortAddress } from '../lib/format';
import { connectWallet, type WalletAccount } from '../lib/wallet';
import { AuditView } from './AuditView';
import { ErrorText, Loading } from './components';
import { AppContext } from './context';
import { MemberPage, MembersList } from './MemberPage';
import { ProposalForm } from './ProposalForm';
import { ProposalPage } from './ProposalPage';
import { ProposalsList } from './ProposalsList';

const NETWORK_KEY = 'agora.network';
const CUSTOM_KEY = 'agora.customDeployment';
const ACCOUNT_KEY = 'agora.account';

function useRoute(): string[] {
  const get = () => (location.hash.replace(/^#\/?/, '') || '').split('/').filter(Boolean);
  const [route, setRoute] = useState(get());
  useEffect(() => {
    const on = () => {
      setRoute(get());
      document.getElementById('main')?.focus();
    };
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

async function loadDeployment(): Promise<Deployment> {
  const stored = localStorage.getItem(NETWORK_KEY);
  if (stored === 'custom') {
    const custom = localStorage.getItem(CUSTOM_KEY);
    if (custom) return parseDeployment(JSON.parse(custom), 'loaded deployments file');
  }
  const { url } = deploymentUrl(location.search, stored === 'custom' ? null : stored);
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) throw new Error(`Could not load ${url} (${res.status}). Deploy the suite (agora deploy) or load a deployments file below.`);
  return parseDeployment(await res.json(), url);
}

function NetworkPicker({ current }: { current?: string }) {
  const [networks, setNetworks] = useState<string[]>([]);
  useEffect(() => {
    fetch('deployments/index.json', { cache: 'no-store' })
      .then((r) => (r.ok ? r.json() : { networks: [] }))
      .then((j) => setNetworks(j.networks ?? []))
      .catch(() => setNetworks([]));
  }, []);
  const choose = (n: string) => {
    localStorage.setItem(NETWORK_KEY, n);
    const u = new URL(location.href);
    u.searchParams.delete('network');
    u.searchParams.delete('deployment');
    location.replace(u.toString());
  };
  const load = async (e: Event) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (!f) return;
    try {
      const d = parseDeployment(JSON.parse(await f.text()), f.name);
      localStorage.setItem(CUSTOM_KEY, JSON.stringify(d));
      choose('custom');
    } catch (err: any) {
      alert(err.message);
    }
  };
  const options = [...new Set([...(current && current !== 'custom' ? [current] : []), ...networks])];
  return (
    <div class="picker">
      <label for="network">Network</label>
      <select id="network" value={localStorage.getItem(NETWORK_KEY) === 'custom' ? 'custom' : current} onChange={(e) => choose((e.target as HTMLSelectElement).value)}>
        {options.map((n) => <option key={n} value={n}>{n}</option>)}
        {localStorage.getItem(CUSTOM_KEY) && <option value="custom">loaded file</option>}
      </select>
      <label for="deployment-file" class="file-label">Load deployments file</label>
      <input id="deployment-file" type="file" accept="application/json,.json" onChange={load} />
    </div>
  );
}

function Wallet({ account, setAccount }: { account: WalletAccount | null; setAccount: (a: WalletAccount | null) => void }) {
  const [accounts, setAccounts] = useState<WalletAccount[]>([]);
  const [error, setError] = useState('');
  const connectNow = async () => {
    setError('');
    try {
      const list = await connectWallet();
      setAccounts(list);
      const saved = localStorage.getItem(ACCOUNT_KEY);
      setAccount(list.find((a) => a.address === saved) ?? list[0] ?? null);
      if (!list.length) setError('Your wallet shares no account with this site.');
    } catch (e: any) {
      setError(e.message);
    }
  };
  useEffect(() => {
    if (localStorage.getItem(ACCOUNT_KEY)) connectNow();
  }, []);
  if (!accounts.length)
    return (
      <div class="wallet">
        <button type="button" onClick={connectNow}>Connect wallet</button>
        {error && <span role="alert" class="error small">{error}</span>}
      </div>
    );
  return (
    <div class="wallet">
      <label for="account">Account</label>
      <select
        id="account"
        value={account?.address}
        onChange={(e) => {
          const a = accounts.find((x) => x.address === (e.target as HTMLSelectElement).value) ?? null;
          if (a) localStorage.setItem(ACCOUNT_KEY, a.address);
          setAccount(a);
        }}
      >
        {accounts.map((a) => (
          <option key={a.address} value={a.address}>{a.name ? `${a.name} (${shortAddress(a.address)})` : shortAddress(a.address)}</option>
        ))}
      </select>
    </div>
  );
}

export function App() {
  const route = useRoute();
  const [deployment, setDeployment] = useState<Deployment | null>(null);
  const [suite, setSuite] = useState<Suite | null>(null);
  const [error, setError] = useState('');
  const [block, setBlock] = useState(0);
  const [account, setAccount] = useState<WalletAccount | null>(null);
  const [version, setVersion] = useState(0);
  // The successor suite's hub, once this suite was succeeded (read again after every action).
  const [successor, setSuccessor] = useState<string | null>(null);
  useEffect(() => {
    if (suite) hubSuccessor(suite).then(setSuccessor);
  }, [suite, version]);
  const retired = retiredText(successor);

  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setSlow(true), 15000);
    return () => clearTimeout(t);
  }, []);

  useEffect(() => {
    let unsub: (() => void) | undefined;
    loadDeployment()
      .then(async (d) => {
        setDeployment(d);
        const s = await connect(d);
        setSuite(s);
        unsub = (await s.client.query.system.number((n: number) => setBlock(n))) as any;
      })
      .catch((e) => setError(e?.message ?? String(e)));
    return () => unsub?.();
  }, []);

  const [view, arg] = route;
  let body;
  if (!suite)
    body = error ? (
      <ErrorText text={error} />
    ) : (
      <>
        <Loading what={deployment ? `the chain at ${deployment.url}` : 'the deployments file'} />
        {slow && deployment && <p role="alert" class="warning">Still connecting to {deployment.url}: is the node running and reachable? Pick another network below.</p>}
      </>
    );
  else if (view === 'proposal' && arg) body = <ProposalPage id={Number(arg)} />;
  else if (view === 'revise' && arg) body = <ProposalForm id={Number(arg)} />;
  else if (view === 'new') body = <ProposalForm />;
  else if (view === 'member' && arg) body = <MemberPage address={arg} />;
  else if (view === 'members') body = <MembersList />;
  else if (view === 'audit') body = <AuditView focus={arg} />;
  else body = <ProposalsList />;

  const nav = [
    ['', 'Proposals'],
    ['members', 'Members'],
    ['audit', 'Audit'],
  ];
  const content = (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
      <header class="top">
        <div class="brand">
          <a href="#/" class="logo">Agora</a>
          <span class="muted small" data-testid="block">
            {deployment ? `${deployment.network} · ${deployment.chain_tag || ''}` : ''}{suite ? ` · block ${block}` : ''}
          </span>
        </div>
        <nav aria-label="Main">
          <ul>
            {nav.map(([r, label]) => (
              <li key={r}>
                <a href={`#/${r}`} aria-current={(view ?? '') === r || (r === '' && !view) ? 'page' : undefined}>{label}</a>
              </li>
            ))}
            {account && <li><a href={`#/member/${account.address}`}>My page</a></li>}
          </ul>
        </nav>
        <Wallet account={account} setAccount={setAccount} />
      </header>
      {suite && suite.codeMismatch.length > 0 && (
        <p class="warning" role="note">
          The deployed code of {suite.codeMismatch.join(', ')} differs from this app's bindings; regenerate them (npm run typegen).
        </p>
      )}
      {suite && !deployment?.bootstrap_complete && <p class="warning" role="note">This deployment's bootstrap is not complete.</p>}
      {suite && retired && <p class="warning" role="note" data-testid="retired">{retired}</p>}
      <main id="main" tabIndex={-1}>{body}</main>
      <footer class="small muted">
        <NetworkPicker current={deployment?.network} />
      </footer>
    </>
  );
  // One tree shape whether or not the chain is connected yet, so the wallet keeps its state.
  return (
    <AppContext.Provider value={suite ? { suite, block, account, version, bump: () => setVersion((v) => v + 1) } : null}>
      <div class="app">{content}</div>
    </AppContext.Provider>
  );
}
