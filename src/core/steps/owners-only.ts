import { staffT } from '../../templates.ts';
import { reply } from './replies.ts';
import type { MessageStep } from './turn.ts';

/**
 * Past the commands, only the owners' side (owners' groups, owners in private) is talked with. Staff writing to the
 * bot privately without a command get their command list, never silence; staff chats get nothing.
 */
export const ownersOnly: MessageStep = {
  name: 'owners only',
  run({ message, staff, chat, isPrivate }) {
    const ownerSide = isPrivate ? !staff : chat?.role === 'owners';
    if (staff && isPrivate) return [reply(message, staffT.help())];
    return ownerSide ? undefined : [];
  },
};
