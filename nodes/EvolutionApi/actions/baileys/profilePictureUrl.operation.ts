import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkInteger, readCollection } from '../common';
import type { OperationDefinition } from '../types';
import { ADVANCED, callBaileys, jidField, readJid } from './shared';

export const profilePictureUrl: OperationDefinition = {
	value: 'profilePictureUrl',
	name: 'Profile Picture URL',
	action: 'Get profile picture URL of ID',
	description: `${ADVANCED} Runs Baileys profilePictureUrl() and returns the picture URL of a contact or group (empty when hidden or unset). For everyday use prefer Chat → Get Profile Picture URL.`,
	route: { method: 'POST', path: '/baileys/profilePictureUrl/{instance}' },
	idempotent: true,
	properties: [
		jidField,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Size',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'Full Image', value: 'image' },
						{ name: 'Preview (Thumbnail)', value: 'preview' },
					],
					default: 'image',
					description: 'Whether to get the full-size picture or the small preview',
				},
				{
					displayName: 'Timeout (Ms)',
					name: 'timeoutMs',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 10000,
					description: 'How long Baileys waits for WhatsApp, in milliseconds',
				},
			],
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const jid = readJid.call(this, itemIndex);
		const options = readCollection.call(this, 'options', itemIndex);
		const body: IDataObject = { jid };
		if (options.type !== undefined) {
			if (options.type !== 'image' && options.type !== 'preview') {
				throw new NodeOperationError(this.getNode(), `Size "${String(options.type)}" is not supported`, {
					itemIndex,
					description: 'Use image or preview.',
				});
			}
			body.type = options.type;
		}
		if (options.timeoutMs !== undefined) {
			body.timeoutMs = checkInteger.call(this, options.timeoutMs, itemIndex, { label: 'Timeout (Ms)', min: 1, max: 600000 });
		}
		const url = await callBaileys(context, body);
		return { jid, profilePictureUrl: typeof url === 'string' && url ? url : null };
	},
};
