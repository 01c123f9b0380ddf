import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkString, readCollection, readString } from '../common';
import type { OperationDefinition } from '../types';
import { participantsField, readNumberList } from './shared';

export const subjectField: INodeProperties = {
	displayName: 'Subject',
	name: 'subject',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Sales Team',
	description: 'The group name shown to members',
};

const properties: INodeProperties[] = [
	subjectField,
	participantsField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'The group description shown in the group info',
			},
			{
				displayName: 'Make Participants Admins',
				name: 'promoteParticipants',
				type: 'boolean',
				default: false,
				description: 'Whether to make every participant an admin of the new group',
			},
		],
	},
];

export const create: OperationDefinition = {
	value: 'create',
	name: 'Create',
	action: 'Create group',
	description:
		'Create a WhatsApp group with a name and participants; returns the group metadata with its ID (…@g.us). Numbers that are not on WhatsApp are silently left out. Baileys only.',
	route: { method: 'POST', path: '/group/create/{instance}' },
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const subject = readString.call(this, 'subject', itemIndex, { label: 'Subject', required: true });
		const participants = readNumberList.call(this, 'participants', itemIndex, 'Participants');
		const fields = readCollection.call(this, 'additionalFields', itemIndex);
		const body: IDataObject = { subject, participants };
		if (fields.description !== undefined) {
			const description = checkString.call(this, fields.description, itemIndex, { label: 'Description', trim: false });
			// The schema refuses an empty description; leaving it out means "no description".
			if (description.trim()) body.description = description;
		}
		if (fields.promoteParticipants !== undefined) body.promoteParticipants = fields.promoteParticipants === true;
		return (await context.request({ body })) as IDataObject;
	},
};
