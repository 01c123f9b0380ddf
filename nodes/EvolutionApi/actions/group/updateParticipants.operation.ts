import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readString } from '../common';
import type { OperationDefinition } from '../types';
import { groupField, participantsField, readGroupJid, readNumberList } from './shared';

const ACTIONS = ['add', 'remove', 'promote', 'demote'];

export const updateParticipants: OperationDefinition = {
	value: 'updateParticipants',
	name: 'Update Participants',
	action: 'Add, remove, promote or demote group participants',
	description:
		'Add or remove members of a group, or make them admins (promote) or regular members (demote). The instance must be a group admin. Baileys only.',
	route: { method: 'POST', path: '/group/updateParticipant/{instance}' },
	properties: [
		groupField,
		{
			displayName: 'Action',
			name: 'participantAction',
			type: 'options',
			options: [
				{ name: 'Add', value: 'add', description: 'Add the numbers to the group' },
				{ name: 'Demote', value: 'demote', description: 'Turn admins into regular members' },
				{ name: 'Promote', value: 'promote', description: 'Make the participants admins' },
				{ name: 'Remove', value: 'remove', description: 'Remove the participants from the group' },
			],
			default: 'add',
			description: 'What to do with the participants',
		},
		participantsField,
	],
	async execute(context) {
		const { itemIndex } = context;
		const groupJid = readGroupJid.call(this, itemIndex);
		const action = readString.call(this, 'participantAction', itemIndex, { label: 'Action', required: true });
		if (!ACTIONS.includes(action)) {
			throw new NodeOperationError(this.getNode(), `Action "${action}" is not supported`, {
				itemIndex,
				description: `Use one of: ${ACTIONS.join(', ')}.`,
			});
		}
		const participants = readNumberList.call(this, 'participants', itemIndex, 'Participants');
		return (await context.request({ qs: { groupJid }, body: { action, participants } })) as IDataObject;
	},
};
