import type { OperationDefinition } from '../types';
import { ADVANCED, callBaileys, jidField, readJid, toOutput } from './shared';

export const onWhatsapp: OperationDefinition = {
	value: 'onWhatsapp',
	name: 'On WhatsApp',
	action: 'Check whether ID is on WhatsApp',
	description: `${ADVANCED} Runs Baileys onWhatsApp() for one ID and returns {exists, jid} (plus the lid when known). For everyday checks prefer Chat → Check Numbers.`,
	route: { method: 'POST', path: '/baileys/onWhatsapp/{instance}' },
	idempotent: true,
	properties: [jidField],
	async execute(context) {
		const jid = readJid.call(this, context.itemIndex);
		const result = await callBaileys(context, { jid });
		// Baileys leaves numbers that are not on WhatsApp out of its answer.
		if (Array.isArray(result) && result.length === 0) return { jid, exists: false };
		return toOutput(result, 'result');
	},
};
