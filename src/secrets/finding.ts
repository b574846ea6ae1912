import type { Span } from './numbers.js';

/** What a secret was; says which mask and which warning it gets. */
export type SecretKind = 'password' | 'code' | 'card' | 'iban' | 'key';
export const SECRET_KINDS: readonly SecretKind[] = ['password', 'code', 'card', 'iban', 'key'];

export interface Finding extends Span {
  kind: SecretKind;
}
