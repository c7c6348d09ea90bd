// Accounts and signing through the browser's injected wallets (polkadot{.js}, Talisman,
// SubWallet, … or the test injector), via @polkadot/extension-dapp.
import { web3Accounts, web3Enable, web3FromAddress } from '@polkadot/extension-dapp';

export interface WalletAccount {
  address: string;
  name?: string;
  source: string;
}

export async function connectWallet(appName = 'Agora'): Promise<WalletAccount[]> {
  const extensions = await web3Enable(appName);
  if (!extensions.length) throw new Error('No wallet extension found (or access was refused). Install one, allow this site, and try again.');
  const accounts = await web3Accounts({ ss58Format: 42 });
  return accounts.map((a) => ({ address: a.address, name: a.meta.name, source: a.meta.source }));
}

export async function signerFor(address: string): Promise<unknown> {
  const injector = await web3FromAddress(address);
  return injector.signer;
}
