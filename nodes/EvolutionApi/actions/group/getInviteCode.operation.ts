import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { groupField, readGroupJid } from './shared';

export const getInviteCode: OperationDefinition = {
	value: 'getInviteCode',
	name: 'Get Invite Code',
	action: 'Get invite code of group',
	description:
		'Get the current invite link of a group (inviteUrl) and its code (inviteCode). The instance must be a group admin. Baileys only.',
	route: { method: 'GET', path: '/group/inviteCode/{instance}' },
	idempotent: true,
	properties: [groupField],
	async execute(context) {
		const groupJid = readGroupJid.call(this, context.itemIndex);
		return (await context.request({ qs: { groupJid } })) as IDataObject;
	},
};
