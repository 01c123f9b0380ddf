import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';

/**
 * The response forms of Send and Wait for Response, defined as in n8n's Form node (a list of
 * fields, or the same as JSON) and rendered with n8n's own `form-trigger` page template.
 * A community node cannot import n8n-nodes-base, so the field list and the page data are
 * rebuilt here for the field types a WhatsApp answer needs.
 */

export interface FormField {
	fieldLabel: string;
	fieldType?: string;
	placeholder?: string;
	requiredField?: boolean;
	fieldOptions?: { values?: Array<{ option?: string }> };
}

const FIELD_TYPES = ['checkbox', 'date', 'dropdown', 'email', 'number', 'password', 'radio', 'text', 'textarea'];

const optionValues: INodeProperties = {
	displayName: 'Field Options',
	name: 'fieldOptions',
	placeholder: 'Add Field Option',
	description: 'List of options that can be selected',
	type: 'fixedCollection',
	default: { values: [{ option: '' }] },
	required: true,
	displayOptions: { show: { fieldType: ['dropdown', 'checkbox', 'radio'] } },
	typeOptions: { multipleValues: true, sortable: true },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [{ displayName: 'Option', name: 'option', type: 'string', default: '' }],
		},
	],
};

/** Define Form, Form Fields (JSON) and Form Elements, with the Form node's parameter names. */
export const formFieldProperties: INodeProperties[] = [
	{
		displayName: 'Define Form',
		name: 'defineForm',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
		description:
			'How the form is defined. A custom form is answered through its link only: a reply in the chat cannot fill several fields.',
		displayOptions: { show: { responseType: ['customForm'] } },
	},
	{
		displayName: 'Form Fields',
		name: 'jsonOutput',
		type: 'json',
		typeOptions: { rows: 5 },
		default:
			'[\n  {\n    "fieldLabel": "Name",\n    "placeholder": "enter your name",\n    "requiredField": true\n  },\n  {\n    "fieldLabel": "Quantity",\n    "fieldType": "number"\n  },\n  {\n    "fieldLabel": "Delivery",\n    "fieldType": "dropdown",\n    "fieldOptions": { "values": [{ "option": "Pick up" }, { "option": "Courier" }] }\n  }\n]\n',
		description:
			'The fields as in n8n\'s Form node: fieldLabel, fieldType (text, textarea, number, email, password, date, dropdown, checkbox, radio), placeholder, requiredField, fieldOptions',
		displayOptions: { show: { responseType: ['customForm'], defineForm: ['json'] } },
	},
	{
		displayName: 'Form Elements',
		name: 'formFields',
		placeholder: 'Add Form Element',
		type: 'fixedCollection',
		default: {},
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { responseType: ['customForm'], defineForm: ['fields'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Field Name',
						name: 'fieldLabel',
						type: 'string',
						default: '',
						placeholder: 'e.g. What is your name?',
						description: 'Label that appears above the input field; also the key of the answer in the output',
						required: true,
					},
					{
						displayName: 'Element Type',
						name: 'fieldType',
						type: 'options',
						default: 'text',
						description: 'The type of field to add to the form',
						options: [
							{ name: 'Checkboxes', value: 'checkbox' },
							{ name: 'Date', value: 'date' },
							{ name: 'Dropdown', value: 'dropdown' },
							{ name: 'Email', value: 'email' },
							{ name: 'Number', value: 'number' },
							{ name: 'Password', value: 'password' },
							{ name: 'Radio Buttons', value: 'radio' },
							{ name: 'Text Input', value: 'text' },
							{ name: 'Textarea', value: 'textarea' },
						],
					},
					{
						displayName: 'Placeholder',
						name: 'placeholder',
						type: 'string',
						default: '',
						description: 'Sample text to display inside the field',
						displayOptions: { hide: { fieldType: ['dropdown', 'date', 'checkbox', 'radio'] } },
					},
					optionValues,
					{
						displayName: 'Required Field',
						name: 'requiredField',
						type: 'boolean',
						default: false,
						description: 'Whether to require the user to enter a value for this field before submitting the form',
					},
				],
			},
		],
	},
];

function formError(node: INode, message: string, description: string): NodeOperationError {
	return new NodeOperationError(node, message, { description, itemIndex: 0 });
}

/** Checks and normalises a field list from either definition; refuses an empty or broken one. */
export function toFormFields(node: INode, raw: unknown): FormField[] {
	let list = raw;
	if (typeof list === 'string') {
		list = jsonParse(list, {
			errorMessage: 'The form fields are not valid JSON',
		});
	}
	if (!Array.isArray(list) || list.length === 0) {
		throw formError(node, 'The form has no fields', 'Add at least one form element, or a JSON list of fields.');
	}
	return list.map((entry, index) => {
		const field = (typeof entry === 'object' && entry !== null ? entry : {}) as IDataObject;
		const label = typeof field.fieldLabel === 'string' ? field.fieldLabel.trim() : '';
		if (!label) {
			throw formError(node, `Form field ${index + 1} has no fieldLabel`, 'Give every form field a name (fieldLabel).');
		}
		const type = field.fieldType === undefined ? 'text' : String(field.fieldType);
		if (!FIELD_TYPES.includes(type)) {
			throw formError(node, `Form field "${label}" has the unsupported type "${type}"`, `Use one of: ${FIELD_TYPES.join(', ')}.`);
		}
		const options = ((field.fieldOptions as IDataObject | undefined)?.values ?? []) as Array<{ option?: string }>;
		if (['dropdown', 'checkbox', 'radio'].includes(type) && !options.some((option) => String(option.option ?? '').trim())) {
			throw formError(node, `Form field "${label}" has no options`, 'Add the options the person can choose from.');
		}
		return {
			fieldLabel: label,
			fieldType: type,
			placeholder: typeof field.placeholder === 'string' ? field.placeholder : undefined,
			requiredField: field.requiredField === true,
			fieldOptions: { values: options },
		};
	});
}

/** The data n8n's `form-trigger` template renders (as n8n-nodes-base's prepareFormData builds it). */
export function formPageData(options: {
	title: string;
	description: string;
	buttonLabel: string;
	fields: FormField[];
}): IDataObject {
	return {
		testRun: false,
		formTitle: options.title,
		formDescription: options.description,
		formDescriptionMetadata: options.description.replace(/<[^>]*>/g, '').slice(0, 150),
		formSubmittedHeader: 'Got it, thanks',
		formSubmittedText: 'This page can be closed now',
		n8nWebsiteLink: 'https://n8n.io/?utm_source=n8n-internal&utm_medium=form-trigger',
		formFields: options.fields.map((field, index) => {
			const input: IDataObject = {
				id: `field-${index}`,
				errorId: `error-field-${index}`,
				label: field.fieldLabel,
				inputRequired: field.requiredField ? 'form-required' : '',
				defaultValue: '',
				placeholder: field.placeholder,
			};
			const choices = (field.fieldOptions?.values ?? []).map((entry) => String(entry.option ?? ''));
			if (field.fieldType === 'checkbox' || field.fieldType === 'radio') {
				input.isMultiSelect = true;
				input.multiSelectOptions = choices.map((label, i) => ({ id: `option${i}_${input.id}`, label }));
				if (field.fieldType === 'radio') input.radioSelect = 'radio';
			} else if (field.fieldType === 'dropdown') {
				input.isSelect = true;
				input.selectOptions = choices;
			} else if (field.fieldType === 'textarea') {
				input.isTextarea = true;
			} else {
				input.isInput = true;
				input.type = field.fieldType ?? 'text';
			}
			return input;
		}),
		useResponseData: false,
		appendAttribution: true,
		buttonLabel: options.buttonLabel,
	};
}

/** Reads a submitted form (`field-<n>` keys, as the page posts them) into `{ <label>: value }`. */
export function formAnswers(fields: FormField[], body: IDataObject): IDataObject {
	const answers: IDataObject = {};
	fields.forEach((field, index) => {
		const raw = body[`field-${index}`];
		let value: unknown = raw ?? (field.fieldType === 'checkbox' ? [] : '');
		if (field.fieldType === 'number' && typeof raw === 'string' && raw.trim() !== '') value = Number(raw);
		if (field.fieldType === 'checkbox' && typeof raw === 'string') {
			value = raw.startsWith('[') ? jsonParse<unknown[]>(raw, { fallbackValue: [raw] }) : [raw];
		}
		answers[field.fieldLabel] = value as IDataObject[keyof IDataObject];
	});
	return answers;
}

/** The page n8n shows after an answer was recorded ("Got it, thanks"), without outside resources. */
export const ACTION_RECORDED_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<title>Action recorded</title>
<style>
*,::after,::before{box-sizing:border-box;margin:0;padding:0}
body{font-family:Open Sans,Arial,sans-serif;font-size:12px;display:flex;flex-direction:column;background-color:#FBFCFE}
.container{margin:auto;text-align:center;padding-top:24px;width:448px;max-width:100%}
.card{padding:24px;background-color:#fff;border:1px solid #DBDFE7;border-radius:8px;box-shadow:0 4px 16px 0 #634DFF0F;margin-bottom:16px}
.header h1{color:#525356;font-size:20px;font-weight:400;padding-bottom:8px}
.header p{color:#7E8186;font-size:14px;font-weight:400}
</style>
</head>
<body>
<div class="container"><section><div class="card"><div class="header">
<h1>Got it, thanks</h1>
<p>This page can be closed now</p>
</div></div></section></div>
</body>
</html>
`;

/** n8n-core's sandbox policy for pages served from webhooks (getHtmlSandboxCSP in 2.41). */
export const HTML_SANDBOX_CSP =
	'sandbox allow-downloads allow-forms allow-modals allow-orientation-lock allow-pointer-lock allow-popups allow-popups-to-escape-sandbox allow-presentation allow-scripts allow-top-navigation-by-user-activation allow-top-navigation-to-custom-protocols';
