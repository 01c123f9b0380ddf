import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { groupField, readGroupJid } from './shared';

export const revokeInviteCode: OperationDefinition = {
	value: 'revokeInviteCode',
	name: 'Revoke Invite Code',
	action: 'Revoke invite code of group',
	description:
		'Invalidate the current invite link of a group and create a new one; returns the new inviteCode. The instance must be a group admin. Baileys only.',
	route: { method: 'POST', path: '/group/revokeInviteCode/{instance}' },
	properties: [groupField],
	async execute(context) {
		const groupJid = readGroupJid.call(this, context.itemIndex);
		return (await context.request({ qs: { groupJid }, body: {} })) as IDataObject;
	},
};
