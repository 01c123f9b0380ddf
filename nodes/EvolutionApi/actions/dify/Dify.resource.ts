import { createChatbotResource } from '../chatbot/factory';
import { BEHAVIOUR_KEYS } from '../chatbot/fields';

export const difyResource = createChatbotResource({
	resource: 'dify',
	name: 'Dify',
	product: 'Dify',
	noun: 'Dify bot',
	nounPlural: 'Dify bots',
	article: 'a',
	group: 'dify',
	idParam: 'difyId',
	methodSuffix: 'Dify',
	envFlag: 'DIFY_ENABLED',
	description: 'Dify apps (chatbots, agents, workflows) that answer WhatsApp chats (needs DIFY_ENABLED=true on the server)',
	createHint: 'It sends each message to the Dify app at API URL with its API key.',
	duplicateHint: 'bot type, API URL and API key',
	botFields: [
		{
			key: 'botType',
			label: 'Bot Type',
			kind: 'options',
			required: true,
			default: 'chatBot',
			options: [
				{ name: 'Agent', value: 'agent', description: 'A Dify agent app' },
				{ name: 'Chatbot', value: 'chatBot', description: 'A Dify chatbot (chat-messages API)' },
				{ name: 'Text Generator', value: 'textGenerator', description: 'A Dify text generator (completion-messages API)' },
				{ name: 'Workflow', value: 'workflow', description: 'A Dify workflow (workflows/run API)' },
			],
			description: 'Kind of Dify app, which decides the Dify API the server calls',
		},
		// The schema requires only botType, but Dify cannot answer without its URL and key.
		{
			key: 'apiUrl',
			label: 'API URL',
			kind: 'url',
			required: true,
			placeholder: 'e.g. https://api.dify.ai/v1',
			description: 'Base URL of the Dify API',
		},
		{
			key: 'apiKey',
			label: 'API Key',
			kind: 'secret',
			required: true,
			description: 'API key of the Dify app',
		},
	],
	botBehaviour: [...BEHAVIOUR_KEYS],
	settingsBehaviour: [...BEHAVIOUR_KEYS],
	label: (row) => [row.botType, row.apiUrl].filter(Boolean).join(' '),
});
