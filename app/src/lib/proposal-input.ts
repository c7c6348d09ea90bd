// What the proposal form turns into the hub's `submit`/`revise` arguments: transfer rows or
// an actions list in the suite's JSON dialect (./wire.ts), refused here — before the wallet
// is asked — when the dialect or the hub's stateless content check would refuse it.

import { describeContractError } from './errors';
import { type ActionLike, actionFromWire, actionsFromText, contentProblem, PARAM_BOUNDS, problemVariant, WireError } from './wire';

export interface TransferRow {
  to: string;
  amount: string;
}

/**
 * The form's actions: the JSON text if there is any (an array of actions in the dialect),
 * otherwise the transfer rows that are not empty. Throws an Error naming the first problem.
 */
export function parseActions(rows: TransferRow[], json: string): ActionLike[] {
  if (json.trim()) {
    try {
      return actionsFromText(json);
    } catch (e) {
      if (e instanceof WireError) throw new Error(`Actions JSON, ${e.message}`);
      throw e;
    }
  }
  return rows
    .filter((r) => r.to.trim() || r.amount.trim())
    .map((r, i) => {
      try {
        return actionFromWire({ type: 'transfer', to: r.to.trim(), amount: r.amount.trim() }, '');
      } catch (e) {
        if (!(e instanceof WireError)) throw e;
        const what = e.path === 'to' ? 'the recipient' : 'the amount';
        throw new Error(`Transfer ${i + 1}: ${what}: ${e.problem}.`);
      }
    });
}

/** Why every hub would refuse this content, as a sentence (undefined if it would not). */
export function contentProblemText(uri: string, actions: readonly ActionLike[]): string | undefined {
  const name = contentProblem(uri, actions);
  if (!name) return undefined;
  const variant = problemVariant(name);
  if (variant.type === 'ParameterOutOfBounds' && variant.value && variant.value in PARAM_BOUNDS) {
    return `The hub would refuse this: ${PARAM_BOUNDS[variant.value as keyof typeof PARAM_BOUNDS]} (${name}).`;
  }
  const sentence = describeContractError('proposals', variant).replace(/\.$/, '');
  return `The hub would refuse this: ${sentence} (${name}).`;
}
