import { NodeOperationError } from 'n8n-workflow';

import { decodeBase64 } from '../../../shared/media';
import { readString } from '../common';
import type { OperationDefinition } from '../types';
import { ADVANCED, callBaileys, jidField, readJid, toOutput } from './shared';

export const signalRepositoryDecryptMessage: OperationDefinition = {
	value: 'signalRepositoryDecryptMessage',
	name: 'Decrypt Message',
	action: 'Decrypt Signal message',
	description: `${ADVANCED} Runs Baileys signalRepository.decryptMessage() on a Signal ciphertext from a sender and returns the plaintext bytes as base64 (plaintext). Decrypting advances the Signal session state.`,
	route: { method: 'POST', path: '/baileys/signalRepositoryDecryptMessage/{instance}' },
	properties: [
		jidField,
		{
			displayName: 'Ciphertext Type',
			name: 'ciphertextType',
			type: 'options',
			options: [
				{ name: 'Pre-Key Message (Pkmsg)', value: 'pkmsg', description: 'First message of a new session' },
				{ name: 'Message (Msg)', value: 'msg', description: 'Message in an established session' },
			],
			default: 'msg',
			description: 'The Signal message type (the type attribute of the enc node)',
		},
		{
			displayName: 'Ciphertext (Base64)',
			name: 'ciphertext',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 3 },
			description: 'The encrypted bytes encoded as base64',
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const jid = readJid.call(this, itemIndex);
		const type = readString.call(this, 'ciphertextType', itemIndex, { label: 'Ciphertext Type', required: true });
		if (type !== 'pkmsg' && type !== 'msg') {
			throw new NodeOperationError(this.getNode(), `Ciphertext Type "${type}" is not supported`, {
				itemIndex,
				description: 'Use pkmsg or msg.',
			});
		}
		const raw = readString.call(this, 'ciphertext', itemIndex, { label: 'Ciphertext (Base64)', required: true });
		// Re-encoded so the server gets standard base64 whatever variant was pasted.
		const ciphertext = decodeBase64(this.getNode(), raw, { field: 'Ciphertext (Base64)', itemIndex }).data.toString('base64');
		return toOutput(await callBaileys(context, { jid, type, ciphertext }), 'plaintext');
	},
};
