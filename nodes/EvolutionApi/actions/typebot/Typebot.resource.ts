import { createChatbotResource } from '../chatbot/factory';
import { startOperation } from './start.operation';

export const typebotResource = createChatbotResource({
	resource: 'typebot',
	name: 'Typebot',
	product: 'Typebot',
	noun: 'Typebot bot',
	nounPlural: 'Typebot bots',
	article: 'a',
	group: 'typebot',
	idParam: 'typebotId',
	methodSuffix: 'Typebot',
	envFlag: 'TYPEBOT_ENABLED',
	description: 'Typebot flows that answer WhatsApp chats (needs TYPEBOT_ENABLED=true on the server)',
	createHint: 'It runs the Typebot flow given by Typebot URL and Public ID.',
	botFields: [
		{
			key: 'url',
			label: 'Typebot URL',
			kind: 'url',
			required: true,
			placeholder: 'e.g. https://typebot.example.com',
			description: 'Base URL of the Typebot viewer that serves the flow',
		},
		{
			key: 'typebot',
			label: 'Public ID',
			kind: 'string',
			required: true,
			placeholder: 'e.g. my-typebot-7x2k1',
			description: 'Public ID of the flow (the last part of its share link)',
		},
	],
	// typebotSchema lacks keepOpen, debounceTime, splitMessages and timePerChar; its settings schema has the first two.
	botBehaviour: ['expire', 'keywordFinish', 'delayMessage', 'unknownMessage', 'listeningFromMe', 'stopBotFromMe', 'ignoreJids'],
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
	label: (row) => String(row.typebot ?? ''),
	extraOperations: (shared) => [startOperation(shared)],
});
