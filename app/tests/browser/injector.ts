// A stand-in for a wallet extension: exposes the dev accounts (//Alice, //Bob, …) through the
// same `window.injectedWeb3` interface that polkadot{.js}, Talisman or SubWallet inject, so the
// app's @polkadot/extension-dapp code path is the one a member uses. Keys stay in the test
// process: the page asks it to sign each payload, and it signs exactly as the polkadot{.js}
// extension does (ExtrinsicPayload from the chain's registry, signed with sr25519).
import type { Page } from '@playwright/test';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';

const NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

let api: ApiPromise | undefined;

export async function closeInjector() {
  await api?.disconnect();
  api = undefined;
}

export async function installInjector(page: Page, url: string) {
  await cryptoWaitReady();
  api ??= await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const pairs = NAMES.map((n) => keyring.addFromUri(`//${n}`, { name: n }));
  const accounts = pairs.map((p) => ({ address: p.address, name: (p.meta as any).name, type: 'sr25519' }));
  const byAddress = new Map(pairs.map((p) => [p.address, p]));

  await page.exposeFunction('__agoraTestSignPayload', async (payload: any) => {
    const pair = byAddress.get(payload.address);
    if (!pair) throw new Error(`test wallet has no key for ${payload.address}`);
    api!.registry.setSignedExtensions(payload.signedExtensions);
    const ext = api!.registry.createType('ExtrinsicPayload', payload, { version: payload.version });
    return ext.sign(pair).signature;
  });
  await page.exposeFunction('__agoraTestSignRaw', async (raw: { address: string; data: string }) => {
    const pair = byAddress.get(raw.address);
    if (!pair) throw new Error(`test wallet has no key for ${raw.address}`);
    return u8aToHex(pair.sign(raw.data));
  });
  await page.addInitScript((list) => {
    let id = 0;
    (window as any).injectedWeb3 = {
      'agora-test-wallet': {
        version: '1.0.0',
        enable: async () => ({
          accounts: {
            get: async () => list,
            subscribe: (cb: (a: unknown[]) => void) => {
              cb(list);
              return () => {};
            },
          },
          signer: {
            signPayload: async (payload: unknown) => ({ id: ++id, signature: await (window as any).__agoraTestSignPayload(payload) }),
            signRaw: async (raw: unknown) => ({ id: ++id, signature: await (window as any).__agoraTestSignRaw(raw) }),
          },
        }),
      },
    };
  }, accounts);
  return { accounts };
}
