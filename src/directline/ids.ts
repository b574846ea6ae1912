import { randomBytes } from 'node:crypto';

/** Unguessable ids: a conversation id is also what a stolen token would need to match. */
export const newConversationId = () => randomBytes(18).toString('base64url');
/** `dl_` marks user ids the server chose (Direct Line reserves the prefix for ids embedded in tokens). */
export const newUserId = () => `dl_${randomBytes(12).toString('base64url')}`;
