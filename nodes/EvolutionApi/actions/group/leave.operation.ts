import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { groupField, readGroupJid } from './shared';

export const leave: OperationDefinition = {
	value: 'leave',
	name: 'Leave',
	action: 'Leave group',
	description: 'Make the instance\'s account leave a group. Baileys only.',
	route: { method: 'DELETE', path: '/group/leaveGroup/{instance}' },
	properties: [groupField],
	async execute(context) {
		const groupJid = readGroupJid.call(this, context.itemIndex);
		return (await context.request({ qs: { groupJid } })) as IDataObject;
	},
};
