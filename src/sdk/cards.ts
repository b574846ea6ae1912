/** Builders for attachments and event activities (Agents SDK: `CardFactory` in agents-hosting). */
export { CardFactory, EventFactory } from 'botbuilder';
