import { ComponentDialog } from '../sdk/dialogs.js';
import { RouterDialog } from './router-dialog.js';
import { MAIN_DIALOG, ROUTER_DIALOG, type DialogServices } from './services.js';
import { TreeDialog } from './tree-dialog.js';

/** The root the bot runs each turn: the router at the bottom, a guided tree on top when one is active. */
export class MainDialog extends ComponentDialog {
  constructor(services: DialogServices) {
    super(MAIN_DIALOG);
    this.addDialog(new RouterDialog(services));
    this.addDialog(new TreeDialog(services));
    this.initialDialogId = ROUTER_DIALOG;
  }
}
