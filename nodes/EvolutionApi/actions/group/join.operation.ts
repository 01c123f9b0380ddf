import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { inviteCodeField, readInviteCode } from './shared';

export const join: OperationDefinition = {
	value: 'join',
	name: 'Join',
	action: 'Join group with invite code',
	description:
		'Join a group with an invite code or link: the instance\'s account becomes a member. This changes state even though the server route is a GET; use Get Invite Info to only look. Baileys only.',
	// A GET that joins the group: never retried.
	route: { method: 'GET', path: '/group/acceptInviteCode/{instance}' },
	properties: [inviteCodeField],
	async execute(context) {
		const inviteCode = readInviteCode.call(this, context.itemIndex);
		return (await context.request({ qs: { inviteCode } })) as IDataObject;
	},
};
