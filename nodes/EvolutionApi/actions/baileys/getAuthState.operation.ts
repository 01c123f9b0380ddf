import type { OperationDefinition } from '../types';
import { ADVANCED, callBaileys, toOutput } from './shared';

export const getAuthState: OperationDefinition = {
	value: 'getAuthState',
	name: 'Get Auth State',
	action: 'Get auth state of session',
	description: `${ADVANCED} Returns the WhatsApp session's authentication state (account identity and signed keys). The output holds secrets of the session: do not log, store or share it.`,
	route: { method: 'POST', path: '/baileys/getAuthState/{instance}' },
	idempotent: true,
	properties: [],
	async execute(context) {
		return toOutput(await callBaileys(context), 'authState');
	},
};
