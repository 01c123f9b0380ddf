import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkInteger, checkString, readString, sortByDisplayName } from '../common';
import type { OperationDefinition } from '../types';
import { readSendBase, recipientField, sendOptionFields } from './shared';

const properties: INodeProperties[] = [
	recipientField,
	{
		displayName: 'Question',
		name: 'pollName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Which day suits you best?',
		description: 'The poll question',
	},
	{
		displayName: 'Answers',
		name: 'pollValues',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		required: true,
		default: {},
		placeholder: 'Add Answer',
		description: 'The answers to choose from: 2 to 10, all different',
		options: [
			{
				displayName: 'Answer',
				name: 'value',
				values: [
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						required: true,
						default: '',
						placeholder: 'e.g. Monday',
					},
				],
			},
		],
	},
	{
		displayName: 'Selectable Answers',
		name: 'selectableCount',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		required: true,
		default: 1,
		description: 'How many answers each person may pick; 0 means any number',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortByDisplayName([...sendOptionFields]),
	},
];

export const sendPoll: OperationDefinition = {
	value: 'sendPoll',
	name: 'Send Poll',
	action: 'Send poll',
	description:
		'Send a poll (a question with 2 to 10 answers) to a contact or group. Votes arrive as message update events. Baileys only.',
	route: { method: 'POST', path: '/message/sendPoll/{instance}' },
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const { number, extra } = readSendBase.call(this, itemIndex);
		const name = readString.call(this, 'pollName', itemIndex, { label: 'Question', required: true, maxLength: 255 });

		const raw = this.getNodeParameter('pollValues.value', itemIndex, []) as unknown;
		const entries: unknown[] = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : [];
		const values = entries.map((entry, index) =>
			checkString.call(this, (entry as IDataObject | null)?.text, itemIndex, {
				label: `Answers → Answer ${index + 1}`,
				required: true,
				maxLength: 100,
			}),
		);
		if (values.length < 2 || values.length > 10) {
			throw new NodeOperationError(this.getNode(), `Answers must list 2 to 10 answers, but has ${values.length}`, {
				itemIndex,
				description: 'WhatsApp polls have between 2 and 10 answers.',
			});
		}
		const seen = new Set<string>();
		for (const value of values) {
			const key = value;
			if (seen.has(key)) {
				throw new NodeOperationError(this.getNode(), `Answers lists "${value}" twice`, {
					itemIndex,
					description: 'Every answer of a poll must be different.',
				});
			}
			seen.add(key);
		}
		const selectableCount = checkInteger.call(this, this.getNodeParameter('selectableCount', itemIndex, 1), itemIndex, {
			label: 'Selectable Answers',
			min: 0,
			max: values.length,
		});
		const body: IDataObject = { number, name, selectableCount, values, ...extra };
		return (await context.request({ body })) as IDataObject;
	},
};
