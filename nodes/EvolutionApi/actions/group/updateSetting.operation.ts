import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readString } from '../common';
import type { OperationDefinition } from '../types';
import { groupField, readGroupJid } from './shared';

const SETTINGS = ['announcement', 'not_announcement', 'locked', 'unlocked'];

export const updateSetting: OperationDefinition = {
	value: 'updateSetting',
	name: 'Update Setting',
	action: 'Update setting of group',
	description:
		'Choose who may send messages (everyone or only admins) or who may edit the group info. The instance must be a group admin. Baileys only.',
	route: { method: 'POST', path: '/group/updateSetting/{instance}' },
	properties: [
		groupField,
		{
			displayName: 'Setting',
			name: 'groupSetting',
			type: 'options',
			options: [
				{
					name: 'All Members Can Edit Group Info',
					value: 'unlocked',
					description: 'Everyone may change the subject, picture and description',
				},
				{
					name: 'All Members Can Send Messages',
					value: 'not_announcement',
				},
				{
					name: 'Only Admins Can Edit Group Info',
					value: 'locked',
					description: 'Only admins may change the subject, picture and description',
				},
				{
					name: 'Only Admins Can Send Messages',
					value: 'announcement',
				},
			],
			default: 'announcement',
			description: 'The setting to apply',
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const groupJid = readGroupJid.call(this, itemIndex);
		const action = readString.call(this, 'groupSetting', itemIndex, { label: 'Setting', required: true });
		if (!SETTINGS.includes(action)) {
			throw new NodeOperationError(this.getNode(), `Setting "${action}" is not supported`, {
				itemIndex,
				description: `Use one of: ${SETTINGS.join(', ')}.`,
			});
		}
		return (await context.request({ qs: { groupJid }, body: { action } })) as IDataObject;
	},
};
