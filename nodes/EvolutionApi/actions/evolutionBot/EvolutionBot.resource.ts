import { createChatbotResource } from '../chatbot/factory';
import { BEHAVIOUR_KEYS } from '../chatbot/fields';

export const evolutionBotResource = createChatbotResource({
	resource: 'evolutionBot',
	name: 'Evolution Bot',
	product: 'Evolution Bot',
	noun: 'Evolution Bot',
	nounPlural: 'Evolution Bots',
	article: 'an',
	group: 'evolutionBot',
	idParam: 'evolutionBotId',
	methodSuffix: 'EvolutionBot',
	description: 'Bots backed by your own HTTP API: each message is posted to it and its answer is sent back',
	createHint: 'The server posts each message to the API URL, which must answer JSON with a "message" field.',
	duplicateHint: 'API URL and API key',
	botFields: [
		{
			key: 'apiUrl',
			label: 'API URL',
			kind: 'url',
			required: true,
			placeholder: 'e.g. https://bot.example.com/v1',
			description: 'Endpoint the server posts each message to; it answers JSON with a "message" field',
		},
		{
			key: 'apiKey',
			label: 'API Key',
			kind: 'secret',
			description: 'Sent as a Bearer token to the API URL',
		},
	],
	botBehaviour: [...BEHAVIOUR_KEYS],
	settingsBehaviour: [...BEHAVIOUR_KEYS],
	label: (row) => String(row.apiUrl ?? ''),
});
