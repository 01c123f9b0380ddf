import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { groupField, readGroupJid } from './shared';

export const getParticipants: OperationDefinition = {
	value: 'getParticipants',
	name: 'Get Participants',
	action: 'Get participants of group',
	description:
		'List the members of a group, one item per participant with its ID and admin role ("admin", "superadmin" or empty). Baileys only.',
	route: { method: 'GET', path: '/group/participants/{instance}' },
	idempotent: true,
	properties: [groupField],
	async execute(context) {
		const groupJid = readGroupJid.call(this, context.itemIndex);
		const body = (await context.request({ qs: { groupJid } })) as IDataObject;
		const participants = body?.participants;
		return Array.isArray(participants) ? (participants as IDataObject[]).map((participant) => ({ groupJid, ...participant })) : body;
	},
};
