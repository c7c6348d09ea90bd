import { addressOf } from '../lib/chain';
import { amountText, jsonText, perspectivesOf, shortAddress } from '../lib/format';
import { bytesToHex } from '../lib/hex';
import { hubParamsToWire } from '../lib/wire';

/** Bytes as the bindings hold them (0x-hex or a Uint8Array) in lowercase 0x-hex. */
const bytesText = (b: unknown): string => (b instanceof Uint8Array ? bytesToHex(b) : String(b).toLowerCase());

/** One proposal action as a short sentence. */
export function actionText(a: any): string {
  const v = a.value;
  switch (a.type) {
    case 'Transfer':
      return `Transfer ${amountText(v[1])} to ${shortAddress(addressOf(v[0]))}`;
    case 'RegisterMember':
      return `Register ${shortAddress(addressOf(v[0]))} as ${v[1].kind} (${perspectivesOf(v[1].perspectives).join(', ')}, weight ${v[1].weight})`;
    case 'UpdateMember':
      return `Update ${shortAddress(addressOf(v[0]))}: ${v[1].kind}, ${perspectivesOf(v[1].perspectives).join(', ')}, weight ${v[1].weight}`;
    case 'SuspendMember':
    case 'ReinstateMember':
    case 'RemoveMember':
    case 'AuthorizeWriter':
    case 'RevokeWriter':
      return `${a.type.replace(/([a-z])([A-Z])/g, '$1 $2')} ${shortAddress(addressOf(v))}`;
    case 'SetParams':
      // In the JSON dialect (docs/signing.md#json-dialect), as the form and the CLI write them.
      return `Set parameters ${jsonText(hubParamsToWire(v))}`;
    case 'Call':
      return `Call ${shortAddress(addressOf(v[0]))} selector ${v[1]} value ${amountText(v[3])}`;
    case 'Succession':
      // The code hash in full: members compare it with the successor's release before voting.
      return `Hand the suite on to the hub ${shortAddress(addressOf(v[0]))}, running code ${bytesText(v[1])}: the whole treasury goes to it, the log is sealed and this hub retires`;
    default:
      return jsonText(a);
  }
}
