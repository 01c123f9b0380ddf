import type { ResourceDefinition } from '../types';
import { assertSessions } from './assertSessions.operation';
import { createParticipantNodes } from './createParticipantNodes.operation';
import { generateMessageTag } from './generateMessageTag.operation';
import { getAuthState } from './getAuthState.operation';
import { getUSyncDevices } from './getUSyncDevices.operation';
import { onWhatsapp } from './onWhatsapp.operation';
import { profilePictureUrl } from './profilePictureUrl.operation';
import { sendNode } from './sendNode.operation';
import { signalRepositoryDecryptMessage } from './signalRepositoryDecryptMessage.operation';

export const baileysResource: ResourceDefinition = {
	value: 'baileys',
	name: 'Baileys',
	description: 'Low-level Baileys calls (advanced, Baileys channel only)',
	defaultOperation: 'onWhatsapp',
	operations: [
		onWhatsapp,
		profilePictureUrl,
		assertSessions,
		createParticipantNodes,
		getUSyncDevices,
		generateMessageTag,
		sendNode,
		signalRepositoryDecryptMessage,
		getAuthState,
	],
};
