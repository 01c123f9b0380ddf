import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { groupField, readGroupJid } from './shared';

export const get: OperationDefinition = {
	value: 'get',
	name: 'Get',
	action: 'Get group',
	description:
		'Get the metadata of a group: subject, description, owner, creation time, settings (announce, restrict) and participants. Baileys only.',
	route: { method: 'GET', path: '/group/findGroupInfos/{instance}' },
	idempotent: true,
	properties: [groupField],
	async execute(context) {
		const groupJid = readGroupJid.call(this, context.itemIndex);
		return (await context.request({ qs: { groupJid } })) as IDataObject;
	},
};
