import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkString, readString, sortByDisplayName } from '../common';
import type { OperationDefinition } from '../types';
import { interactiveNotice, readSendBase, recipientField, sendOptionFields } from './shared';

const properties: INodeProperties[] = [
	interactiveNotice,
	recipientField,
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Our menu',
		description: 'Title of the list message',
	},
	{
		displayName: 'Button Text',
		name: 'buttonText',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. See options',
		description: 'Label of the button that opens the list',
	},
	{
		displayName: 'Footer',
		name: 'footer',
		type: 'string',
		default: '',
		placeholder: 'e.g. Reply within 24 hours',
		description: 'Small text under the message',
	},
	{
		displayName: 'Sections',
		name: 'sections',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		required: true,
		default: {},
		placeholder: 'Add Section',
		description: 'Groups of rows the recipient picks one from',
		options: [
			{
				displayName: 'Section',
				name: 'section',
				values: [
					{
						displayName: 'Section Title',
						name: 'title',
						type: 'string',
						required: true,
						default: '',
						placeholder: 'e.g. Drinks',
					},
					{
						displayName: 'Rows',
						name: 'rows',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						default: {},
						placeholder: 'Add Row',
						options: [
							{
								displayName: 'Row',
								name: 'row',
								values: [
									{
										displayName: 'Row Title',
										name: 'title',
										type: 'string',
										required: true,
										default: '',
										placeholder: 'e.g. Coffee',
									},
									{
										displayName: 'Row Description',
										name: 'description',
										type: 'string',
										default: '',
										placeholder: 'e.g. Espresso, 50 ml',
									},
									{
										displayName: 'Row ID',
										name: 'rowId',
										type: 'string',
										required: true,
										default: '',
										placeholder: 'e.g. coffee',
										description: 'ID returned when the recipient picks this row; unique in the list',
									},
								],
							},
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortByDisplayName([
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'Text of the message, under the title',
			},
			...sendOptionFields,
		]),
	},
];

function asList(value: unknown): IDataObject[] {
	if (Array.isArray(value)) return value as IDataObject[];
	return value && typeof value === 'object' ? [value as IDataObject] : [];
}

export const sendList: OperationDefinition = {
	value: 'sendList',
	name: 'Send List',
	action: 'Send list message',
	description:
		'Send an interactive list: a button that opens sections of rows to pick one from. Many WhatsApp clients no longer render lists sent from Baileys (regular WhatsApp) accounts; they work best on the Cloud API. Not available on the Evolution channel.',
	route: { method: 'POST', path: '/message/sendList/{instance}' },
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const { number, options, extra } = readSendBase.call(this, itemIndex);
		const title = readString.call(this, 'title', itemIndex, { label: 'Title', required: true });
		const buttonText = readString.call(this, 'buttonText', itemIndex, { label: 'Button Text', required: true });
		const footerText = readString.call(this, 'footer', itemIndex, { label: 'Footer' });

		const sections = asList(this.getNodeParameter('sections.section', itemIndex, [])).map((section, index) => {
			const where = `Sections → Section ${index + 1}`;
			const rows = asList((section.rows as IDataObject | undefined)?.row).map((row, rowIndex) => {
				const at = `${where} → Row ${rowIndex + 1}`;
				const result: IDataObject = {
					title: checkString.call(this, row.title, itemIndex, { label: `${at} → Row Title`, required: true }),
					rowId: checkString.call(this, row.rowId, itemIndex, { label: `${at} → Row ID`, required: true }),
				};
				const description = checkString.call(this, row.description, itemIndex, { label: `${at} → Row Description` });
				if (description) result.description = description;
				return result;
			});
			if (rows.length === 0) {
				throw new NodeOperationError(this.getNode(), `${where} has no rows`, {
					itemIndex,
					description: 'Add at least one row to every section.',
				});
			}
			return { title: checkString.call(this, section.title, itemIndex, { label: `${where} → Section Title`, required: true }), rows };
		});
		if (sections.length === 0) {
			throw new NodeOperationError(this.getNode(), 'Sections is empty', {
				itemIndex,
				description: 'Add at least one section with at least one row.',
			});
		}
		const titles = new Set<string>();
		const rowIds = new Set<string>();
		for (const section of sections) {
			if (titles.has(section.title)) {
				throw new NodeOperationError(this.getNode(), `Two sections are titled "${section.title}"`, {
					itemIndex,
					description: 'Section titles must be different.',
				});
			}
			titles.add(section.title);
			for (const row of section.rows) {
				const rowId = String(row.rowId);
				if (rowIds.has(rowId)) {
					throw new NodeOperationError(this.getNode(), `Row ID "${rowId}" is used twice`, {
						itemIndex,
						description: 'Every row needs its own Row ID: it tells which row the recipient picked.',
					});
				}
				rowIds.add(rowId);
			}
		}

		// footerText is required by the schema; an empty one is allowed.
		const body: IDataObject = { number, title, footerText, buttonText, sections, ...extra };
		const description = checkString.call(this, options.description, itemIndex, { label: 'Description', trim: false });
		if (description.trim()) body.description = description;
		return (await context.request({ body })) as IDataObject;
	},
};
