import type { IDataObject } from 'n8n-workflow';

import { readString } from '../common';
import type { OperationDefinition } from '../types';
import { subjectField } from './create.operation';
import { groupField, readGroupJid } from './shared';

export const updateSubject: OperationDefinition = {
	value: 'updateSubject',
	name: 'Update Subject',
	action: 'Update subject of group',
	description: 'Rename a group (its subject). The instance must be allowed to edit the group info. Baileys only.',
	route: { method: 'POST', path: '/group/updateGroupSubject/{instance}' },
	properties: [groupField, subjectField],
	async execute(context) {
		const { itemIndex } = context;
		const groupJid = readGroupJid.call(this, itemIndex);
		const subject = readString.call(this, 'subject', itemIndex, { label: 'Subject', required: true });
		return (await context.request({ qs: { groupJid }, body: { subject } })) as IDataObject;
	},
};
