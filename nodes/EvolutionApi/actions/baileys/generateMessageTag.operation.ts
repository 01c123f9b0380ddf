import type { OperationDefinition } from '../types';
import { ADVANCED, callBaileys, toOutput } from './shared';

export const generateMessageTag: OperationDefinition = {
	value: 'generateMessageTag',
	name: 'Generate Message Tag',
	action: 'Generate message tag',
	description: `${ADVANCED} Runs Baileys generateMessageTag() and returns a new unique tag (messageTag). Use it as the ID attribute of a stanza in Send Node.`,
	route: { method: 'POST', path: '/baileys/generateMessageTag/{instance}' },
	properties: [],
	async execute(context) {
		return toOutput(await callBaileys(context), 'messageTag');
	},
};
