/**
 * The floor a Bot Framework bot cannot go below on this stack: the same restify server and
 * body limit, CloudAdapter without credentials, conversation state in memory, and one
 * waterfall dialog of one step that sends a fixed reply. Sportello's turn is measured against
 * it ("Sportello / floor"): what is above the floor is ours to cut.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  type TurnContext,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';
import restify, { type Server } from 'restify';

const DIALOG = 'floor';

export function floorServer(maxBodySize: number): Server {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const state = new ConversationState(new MemoryStorage());
  const dialogState = state.createProperty<DialogState>('dialogState');
  const dialogs = new DialogSet(dialogState).add(
    new WaterfallDialog(DIALOG, [
      async (step) => {
        await step.context.sendActivity('Ciao! Come posso aiutarti?');
        return step.endDialog();
      },
    ]),
  );
  const logic = async (context: TurnContext) => {
    if (context.activity.type === 'message') {
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog(DIALOG);
    }
    await state.saveChanges(context);
  };
  const server = restify.createServer({ name: 'floor', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, logic);
  });
  return server;
}
