import type { Dialog, DialogState } from '../sdk/dialogs.js';
import { RouterDialog } from './router-dialog.js';
import { MAIN_DIALOG, type DialogServices } from './services.js';
import { TreeDialog } from './tree-dialog.js';

/**
 * The dialogs the bot runs each turn, the first at the bottom of the stack: the router, and a
 * guided tree on top of it when one is active.
 *
 * They sit in the bot's own dialog set, not inside a ComponentDialog: a component adds a
 * dialog context of its own every turn (with its memory-scope manager, the costliest part of
 * a dialog turn) and a level of nesting to every conversation's stored state, for nothing a
 * stack of two needs.
 */
export function mainDialogs(services: DialogServices): [Dialog, ...Dialog[]] {
  return [new RouterDialog(services), new TreeDialog(services)];
}

/**
 * Conversations saved before the dialogs left their ComponentDialog hold the stack inside it:
 * `[{ id: 'main', state: { dialogs: { dialogStack: [tree?, router] } } }]`. That inner stack
 * is the stack now, so such a conversation carries on where it was (Redis keeps state
 * across a deployment).
 */
export function unnestMainDialog(state: DialogState): void {
  const [only, ...rest] = state.dialogStack ?? [];
  const inner = (only?.state as { dialogs?: { dialogStack?: unknown } } | undefined)?.dialogs?.dialogStack;
  if (only?.id === MAIN_DIALOG && rest.length === 0 && Array.isArray(inner)) state.dialogStack = inner;
}
