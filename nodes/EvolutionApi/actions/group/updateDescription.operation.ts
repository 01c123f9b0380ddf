import type { IDataObject } from 'n8n-workflow';

import { readString } from '../common';
import type { OperationDefinition } from '../types';
import { groupField, readGroupJid } from './shared';

export const updateDescription: OperationDefinition = {
	value: 'updateDescription',
	name: 'Update Description',
	action: 'Update description of group',
	description: 'Replace the description shown in the group info. The instance must be allowed to edit the group info. Baileys only.',
	route: { method: 'POST', path: '/group/updateGroupDescription/{instance}' },
	properties: [
		groupField,
		{
			displayName: 'Description',
			name: 'groupDescription',
			type: 'string',
			required: true,
			typeOptions: { rows: 3 },
			default: '',
			description: 'The new group description',
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const groupJid = readGroupJid.call(this, itemIndex);
		const description = readString.call(this, 'groupDescription', itemIndex, {
			label: 'Description',
			required: true,
			trim: false,
		});
		if (!description.trim()) readString.call(this, 'groupDescription', itemIndex, { label: 'Description', required: true });
		return (await context.request({ qs: { groupJid }, body: { description } })) as IDataObject;
	},
};
