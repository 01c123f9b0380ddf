import type { ResourceDefinition } from '../types';
import { sendAndWait } from './sendAndWait.operation';
import { sendButtons } from './sendButtons.operation';
import { sendContact } from './sendContact.operation';
import { sendList } from './sendList.operation';
import { sendLocation } from './sendLocation.operation';
import { sendMedia } from './sendMedia.operation';
import { sendPoll } from './sendPoll.operation';
import { sendPtv } from './sendPtv.operation';
import { sendReaction } from './sendReaction.operation';
import { sendStatus } from './sendStatus.operation';
import { sendSticker } from './sendSticker.operation';
import { sendTemplate } from './sendTemplate.operation';
import { sendText } from './sendText.operation';
import { sendWhatsAppAudio } from './sendWhatsAppAudio.operation';

export const messageResource: ResourceDefinition = {
	value: 'message',
	name: 'Message',
	defaultOperation: 'sendText',
	description: 'Send text, media, voice notes, stickers, statuses, polls, lists, buttons, locations, contacts, reactions and templates',
	operations: [
		sendText,
		sendMedia,
		sendWhatsAppAudio,
		sendPtv,
		sendSticker,
		sendStatus,
		sendLocation,
		sendContact,
		sendReaction,
		sendPoll,
		sendList,
		sendButtons,
		sendTemplate,
		sendAndWait,
	],
};
