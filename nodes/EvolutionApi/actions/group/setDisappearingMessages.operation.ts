import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkInteger } from '../common';
import type { OperationDefinition } from '../types';
import { groupField, readGroupJid } from './shared';

const EXPIRATIONS = [0, 86400, 604800, 7776000];

export const setDisappearingMessages: OperationDefinition = {
	value: 'setDisappearingMessages',
	name: 'Set Disappearing Messages',
	action: 'Set disappearing messages in group',
	description:
		'Turn disappearing messages on (24 hours, 7 days or 90 days) or off for a group. The instance must be allowed to edit the group settings. Baileys only.',
	route: { method: 'POST', path: '/group/toggleEphemeral/{instance}' },
	properties: [
		groupField,
		{
			displayName: 'Expiration',
			name: 'expiration',
			type: 'options',
			options: [
				{ name: 'Off', value: 0 },
				{ name: '24 Hours', value: 86400 },
				{ name: '7 Days', value: 604800 },
				{ name: '90 Days', value: 7776000 },
			],
			default: 604800,
			description: 'How long new messages stay visible (in seconds: 0, 86400, 604800 or 7776000)',
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const groupJid = readGroupJid.call(this, itemIndex);
		const expiration = checkInteger.call(this, this.getNodeParameter('expiration', itemIndex, 604800), itemIndex, {
			label: 'Expiration',
		});
		if (!EXPIRATIONS.includes(expiration)) {
			throw new NodeOperationError(this.getNode(), `Expiration ${expiration} is not supported`, {
				itemIndex,
				description: 'WhatsApp accepts 0 (off), 86400 (24 hours), 604800 (7 days) or 7776000 (90 days) seconds.',
			});
		}
		return (await context.request({ qs: { groupJid }, body: { expiration } })) as IDataObject;
	},
};
