import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { SharedProperties } from '../chatbot/factory';
import { limitBotRows, withAdvice } from '../chatbot/factory';
import { readCollection, readLimit } from '../common';
import { readFieldValue, toProperty, type BotField } from '../chatbot/fields';
import type { OperationDefinition } from '../types';

const credentialField: BotField = {
	key: 'openaiCredsId',
	label: 'OpenAI Credential',
	kind: 'openAiCredential',
	description:
		'Stored key to list the models with; by default the one of the OpenAI default settings. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const options: INodeProperties = {
	displayName: 'Options',
	name: 'modelOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [toProperty(credentialField)],
};

export function getAllModels(shared: SharedProperties): OperationDefinition {
	return {
		value: 'getAllModels',
		name: 'Get Many Models',
		action: 'Get many OpenAI models',
		description:
			'List many models the OpenAI account can use, e.g. to pick the Model of a Chat Completion bot. Needs OPENAI_ENABLED=true on the server.',
		route: { method: 'GET', path: '/openai/getModels/{instance}' },
		idempotent: true,
		properties: [options, shared.returnAll, shared.limit],
		async execute(context) {
			const { itemIndex } = context;
			const given = readCollection.call(this, 'modelOptions', itemIndex);
			const qs: IDataObject = {};
			if (given.openaiCredsId !== undefined && given.openaiCredsId !== '') {
				qs.openaiCredsId = readFieldValue.call(this, credentialField, given.openaiCredsId, itemIndex) as string;
			}
			const advice: Array<[RegExp, string]> = [
				[
					/not found|Error fetching models/i,
					'No usable OpenAI key: choose an OpenAI Credential in Options, or set one in the OpenAI default settings (Set Default Settings).',
				],
			];
			const limit = readLimit.call(this, itemIndex);
			const body = await withAdvice.call(this, itemIndex, advice, async () => await context.request({ qs }));
			return limitBotRows(body, limit);
		},
	};
}
