import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { inviteCodeField, readInviteCode } from './shared';

export const getInviteInfo: OperationDefinition = {
	value: 'getInviteInfo',
	name: 'Get Invite Info',
	action: 'Get group of invite code',
	description:
		'Look up the group behind an invite code or link (ID, subject, description, size) without joining it. Baileys only.',
	route: { method: 'GET', path: '/group/inviteInfo/{instance}' },
	idempotent: true,
	properties: [inviteCodeField],
	async execute(context) {
		const inviteCode = readInviteCode.call(this, context.itemIndex);
		return (await context.request({ qs: { inviteCode } })) as IDataObject;
	},
};
