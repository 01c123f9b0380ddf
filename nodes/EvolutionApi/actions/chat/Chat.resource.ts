import type { ResourceDefinition } from '../types';
import { archive } from './archive.operation';
import { checkNumbers } from './checkNumbers.operation';
import { deleteMessage } from './deleteMessage.operation';
import { downloadMedia } from './downloadMedia.operation';
import { editMessage } from './editMessage.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getContacts } from './getContacts.operation';
import { getMessages } from './getMessages.operation';
import { getMessageStatuses } from './getMessageStatuses.operation';
import { getProfilePicture } from './getProfilePicture.operation';
import { markAsRead } from './markAsRead.operation';
import { markUnread } from './markUnread.operation';
import { sendPresence } from './sendPresence.operation';
import { searchChats } from './shared';
import { updateBlockStatus } from './updateBlockStatus.operation';

export const chatResource: ResourceDefinition = {
	value: 'chat',
	name: 'Chat',
	description: 'Chats, contacts and stored messages',
	defaultOperation: getAll.value,
	operations: [
		archive,
		checkNumbers,
		deleteMessage,
		downloadMedia,
		editMessage,
		get,
		getAll,
		getContacts,
		getMessages,
		getMessageStatuses,
		getProfilePicture,
		markAsRead,
		markUnread,
		sendPresence,
		updateBlockStatus,
	],
	methods: { listSearch: { searchChats } },
};
