import { createChatbotResource } from '../chatbot/factory';
import { openAiCredentialLocator, type BotField } from '../chatbot/fields';
import { createCredential } from './createCredential.operation';
import { getOpenAiCredentials, searchOpenAiCredentials } from './credentials';
import { deleteCredential } from './deleteCredential.operation';
import { getAllCredentials } from './getAllCredentials.operation';
import { getAllModels } from './getAllModels.operation';

const credential: BotField = {
	key: 'openaiCredsId',
	label: 'OpenAI Credential',
	kind: 'openAiCredential',
	required: true,
	description:
		'Stored OpenAI API key to use (Create Credential adds one). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const openAiResource = createChatbotResource({
	resource: 'openAi',
	name: 'OpenAI',
	product: 'OpenAI',
	noun: 'OpenAI bot',
	nounPlural: 'OpenAI bots',
	article: 'an',
	group: 'openai',
	idParam: 'openaiBotId',
	methodSuffix: 'OpenAi',
	envFlag: 'OPENAI_ENABLED',
	description:
		'OpenAI assistants and chat-completion bots that answer WhatsApp chats, and the stored OpenAI keys (needs OPENAI_ENABLED=true on the server)',
	createHint:
		'An Assistant bot needs the Assistant ID; a Chat Completion bot needs the Model and Max Tokens. The OpenAI key comes from a stored credential.',
	duplicateHint: 'assistant, or model and max tokens',
	botFields: [
		credential,
		{
			key: 'botType',
			label: 'Bot Type',
			kind: 'options',
			required: true,
			default: 'chatCompletion',
			options: [
				{ name: 'Assistant', value: 'assistant', description: 'An OpenAI Assistant (Assistants API)' },
				{ name: 'Chat Completion', value: 'chatCompletion', description: 'Chat Completions with a model and your own messages' },
			],
			description: 'How the bot talks to OpenAI',
		},
		{
			key: 'assistantId',
			label: 'Assistant ID',
			kind: 'string',
			required: true,
			showWhen: { botType: ['assistant'] },
			placeholder: 'e.g. asst_abc123',
			description: 'ID of the OpenAI Assistant',
		},
		{
			key: 'model',
			label: 'Model',
			kind: 'string',
			required: true,
			showWhen: { botType: ['chatCompletion'] },
			placeholder: 'e.g. gpt-4o-mini',
			description: 'OpenAI model (Get Many Models lists them)',
		},
		{
			key: 'maxTokens',
			label: 'Max Tokens',
			kind: 'integer',
			required: true,
			min: 1,
			default: 500,
			showWhen: { botType: ['chatCompletion'] },
			description: 'Largest number of tokens in each answer',
		},
		{
			key: 'functionUrl',
			label: 'Function URL',
			kind: 'url',
			placeholder: 'e.g. https://api.example.com/openai-functions',
			description: "URL the server calls for the assistant's function calls (Assistant bots)",
		},
		{
			key: 'systemMessages',
			label: 'System Messages',
			kind: 'stringList',
			description: 'Instructions sent as system messages in every conversation (Chat Completion bots)',
		},
		{
			key: 'assistantMessages',
			label: 'Assistant Messages',
			kind: 'stringList',
			description: 'Example answers sent as assistant messages (Chat Completion bots)',
		},
		{
			key: 'userMessages',
			label: 'User Messages',
			kind: 'stringList',
			description: 'Example questions sent as user messages (Chat Completion bots)',
		},
	],
	// openaiSchema has no splitMessages/timePerChar; openaiSettingSchema neither.
	botBehaviour: [
		'expire',
		'keywordFinish',
		'delayMessage',
		'unknownMessage',
		'listeningFromMe',
		'stopBotFromMe',
		'keepOpen',
		'debounceTime',
		'ignoreJids',
	],
	settingsBehaviour: [
		'expire',
		'keywordFinish',
		'delayMessage',
		'unknownMessage',
		'listeningFromMe',
		'stopBotFromMe',
		'keepOpen',
		'debounceTime',
		'ignoreJids',
	],
	settingsExtra: [
		credential,
		{
			key: 'speechToText',
			label: 'Speech to Text',
			kind: 'boolean',
			default: false,
			description: 'Whether voice messages are transcribed with OpenAI before they reach the bots',
		},
	],
	label: (row) => String(row.botType === 'assistant' ? (row.assistantId ?? '') : (row.model ?? '')),
	extraOperations: (shared) => [
		createCredential,
		getAllCredentials(shared),
		deleteCredential(openAiCredentialLocator({ ...credential, description: 'The stored OpenAI credential to delete' })),
		getAllModels(shared),
	],
	methods: {
		listSearch: { searchOpenAiCredentials },
		loadOptions: { getOpenAiCredentials },
	},
});
