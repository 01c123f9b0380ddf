import { createChatbotResource } from '../chatbot/factory';
import { BEHAVIOUR_KEYS } from '../chatbot/fields';

export const evoAiResource = createChatbotResource({
	resource: 'evoAi',
	name: 'EvoAI',
	product: 'EvoAI',
	noun: 'EvoAI bot',
	nounPlural: 'EvoAI bots',
	article: 'an',
	group: 'evoai',
	idParam: 'evoaiId',
	methodSuffix: 'EvoAi',
	envFlag: 'EVOAI_ENABLED',
	description: 'EvoAI agents that answer WhatsApp chats (needs EVOAI_ENABLED=true on the server)',
	createHint: 'It sends each message to the EvoAI agent at Agent URL.',
	duplicateHint: 'agent URL and API key',
	botFields: [
		{
			key: 'agentUrl',
			label: 'Agent URL',
			kind: 'url',
			required: true,
			placeholder: 'e.g. https://evoai.example.com/api/v1/a2a/4f1c…',
			description: 'URL of the EvoAI agent',
		},
		{
			key: 'apiKey',
			label: 'API Key',
			kind: 'secret',
			description: 'API key of the EvoAI agent',
		},
	],
	botBehaviour: [...BEHAVIOUR_KEYS],
	settingsBehaviour: [...BEHAVIOUR_KEYS],
	label: (row) => String(row.agentUrl ?? ''),
});
