import type { IDataObject } from 'n8n-workflow';

import { checkString } from '../common';
import type { OperationDefinition } from '../types';
import { callMessageField, REQUIRED_SWITCHES, SETTINGS_FIND_ROUTE, wavoipTokenField } from './shared';
import {
	asUpdateField,
	checkBoolean,
	readCurrent,
	readGivenFields,
	replaceModeOnly,
	updateFieldsCollection,
	updateModeField,
} from '../updateMode';

const OPTIONAL_TEXT = [callMessageField, wavoipTokenField];

export const set: OperationDefinition = {
	value: 'set',
	name: 'Set',
	action: 'Set instance settings',
	description:
		'Set the behaviour settings of an instance: reject calls (with a message), ignore groups, always online, read messages and status automatically, sync full history. The server requires all six switches on every call; use Update Mode "Change Only the Given Fields" to change some and keep the others.',
	route: { method: 'POST', path: '/settings/set/{instance}' },
	properties: [
		updateModeField,
		...REQUIRED_SWITCHES.slice(0, 1).map(replaceModeOnly),
		replaceModeOnly({ ...callMessageField, displayOptions: { show: { rejectCall: [true] } } }),
		...REQUIRED_SWITCHES.slice(1).map(replaceModeOnly),
		replaceModeOnly({
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [wavoipTokenField],
		}),
		updateFieldsCollection([...REQUIRED_SWITCHES, ...OPTIONAL_TEXT].map(asUpdateField)),
	],
	async execute(context) {
		const { itemIndex } = context;
		const given = readGivenFields.call(this, itemIndex, 'options');
		// Every given value is checked before the merge mode reads anything.
		const body: IDataObject = {};
		for (const field of REQUIRED_SWITCHES) {
			const raw = given.get(field.name);
			if (raw !== undefined) body[field.name] = checkBoolean.call(this, raw, itemIndex, field.displayName);
		}
		for (const field of OPTIONAL_TEXT) {
			const raw = given.get(field.name);
			// Left out, the server keeps the stored text.
			if (raw !== undefined) body[field.name] = checkString.call(this, raw, itemIndex, { label: field.displayName });
		}
		const current = given.mode === 'merge' ? await readCurrent.call(this, context, SETTINGS_FIND_ROUTE) : {};
		for (const field of REQUIRED_SWITCHES) body[field.name] ??= current[field.name] === true;
		// Merge mode writes the stored texts back too, so nothing depends on the server keeping them.
		for (const field of OPTIONAL_TEXT) {
			if (body[field.name] === undefined && typeof current[field.name] === 'string') body[field.name] = current[field.name];
		}
		return (await context.request({ body })) as IDataObject;
	},
};
