import { createChatbotResource } from '../chatbot/factory';
import { BEHAVIOUR_KEYS } from '../chatbot/fields';

export const n8nBotResource = createChatbotResource({
	resource: 'n8nBot',
	name: 'n8n Bot',
	product: 'n8n',
	noun: 'n8n bot',
	nounPlural: 'n8n bots',
	article: 'an',
	group: 'n8n',
	idParam: 'n8nId',
	methodSuffix: 'N8n',
	envFlag: 'N8N_ENABLED',
	description: 'n8n workflows that answer WhatsApp chats through a Webhook node (needs N8N_ENABLED=true on the server)',
	createHint: 'The server posts each message to the Webhook URL and sends the workflow\'s answer back.',
	duplicateHint: 'webhook URL and basic auth',
	botFields: [
		{
			key: 'webhookUrl',
			label: 'Webhook URL',
			kind: 'url',
			required: true,
			placeholder: 'e.g. https://n8n.example.com/webhook/whatsapp-bot',
			description: 'Production URL of the n8n Webhook node that receives the messages',
		},
		{
			key: 'basicAuthUser',
			label: 'Basic Auth User',
			kind: 'string',
			description: 'User for Basic auth on the webhook, if it requires it',
		},
		{
			key: 'basicAuthPassword',
			label: 'Basic Auth Password',
			kind: 'secret',
			description: 'Password for Basic auth on the webhook',
		},
	],
	botBehaviour: [...BEHAVIOUR_KEYS],
	settingsBehaviour: [...BEHAVIOUR_KEYS],
	label: (row) => String(row.webhookUrl ?? ''),
});
