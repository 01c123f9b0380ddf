import type { SharedProperties } from '../chatbot/factory';
import { limitBotRows } from '../chatbot/factory';
import { readLimit } from '../common';
import type { OperationDefinition } from '../types';

export function getAllCredentials(shared: SharedProperties): OperationDefinition {
	return {
		value: 'getAllCredentials',
		name: 'Get Many Credentials',
		action: 'Get many OpenAI credentials',
		description:
			'List many OpenAI credentials stored for the instance, with the bots using them. CAUTION: the output contains each OpenAI API key in clear text. Needs OPENAI_ENABLED=true on the server.',
		route: { method: 'GET', path: '/openai/creds/{instance}' },
		idempotent: true,
		properties: [shared.returnAll, shared.limit],
		async execute(context) {
			const limit = readLimit.call(this, context.itemIndex);
			return limitBotRows(await context.request(), limit);
		},
	};
}
