import { createChatbotResource } from '../chatbot/factory';
import { BEHAVIOUR_KEYS } from '../chatbot/fields';

export const flowiseResource = createChatbotResource({
	resource: 'flowise',
	name: 'Flowise',
	product: 'Flowise',
	noun: 'Flowise bot',
	nounPlural: 'Flowise bots',
	article: 'a',
	group: 'flowise',
	idParam: 'flowiseId',
	methodSuffix: 'Flowise',
	envFlag: 'FLOWISE_ENABLED',
	description: 'Flowise chatflows that answer WhatsApp chats (needs FLOWISE_ENABLED=true on the server)',
	createHint: 'It sends each message to the Flowise prediction URL of a chatflow.',
	duplicateHint: 'API URL and API key',
	botFields: [
		{
			key: 'apiUrl',
			label: 'API URL',
			kind: 'url',
			required: true,
			placeholder: 'e.g. https://flowise.example.com/api/v1/prediction/0d3f9a1c-…',
			description: 'Prediction URL of the Flowise chatflow',
		},
		{
			key: 'apiKey',
			label: 'API Key',
			kind: 'secret',
			description: 'Flowise API key, when the chatflow is protected',
		},
	],
	botBehaviour: [...BEHAVIOUR_KEYS],
	settingsBehaviour: [...BEHAVIOUR_KEYS],
	label: (row) => String(row.apiUrl ?? ''),
});
