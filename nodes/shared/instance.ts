import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
	ITriggerFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { evolutionApiRequest, readCredentials } from './transport';

/** The instance selector shared by the action node and the trigger. */
export const instanceLocator: INodeProperties = {
	displayName: 'Instance',
	name: 'instanceName',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		"The Evolution API instance (WhatsApp line) to use. Leave empty to use the credential's Default Instance.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an instance...',
			typeOptions: { searchListMethod: 'searchInstances', searchable: true },
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. my-instance',
		},
	],
};

/**
 * Why a name is refused before any request: it goes into the URL path, and `/`, `?`, `#`,
 * `.` or `..` would make the server act on another route or instance.
 */
export function instanceNameProblem(name: string): string | undefined {
	if (name === '.' || name === '..') return 'it cannot be "." or ".."';
	if (/[/?#\\]/.test(name)) return 'it cannot contain "/", "\\", "?" or "#"';
	if ([...name].some((char) => char.charCodeAt(0) < 32)) return 'it cannot contain control characters';
	return undefined;
}

/** Reads the instance of item `itemIndex`, falling back to the credential's default. */
export async function resolveInstance(
	this: IExecuteFunctions | IHookFunctions | ITriggerFunctions,
	itemIndex: number,
	parameterName = 'instanceName',
): Promise<string> {
	// Hook contexts (the trigger's checkExists/create/delete) take no item index:
	// getNodeParameter(name, fallback, options).
	const raw = (
		typeof (this as IExecuteFunctions).getInputData === 'function'
			? (this as IExecuteFunctions).getNodeParameter(parameterName, itemIndex, '', { extractValue: true })
			: (this as IHookFunctions).getNodeParameter(parameterName, '', { extractValue: true })
	) as unknown;
	if (raw !== '' && raw !== undefined && raw !== null && typeof raw !== 'string') {
		throw new NodeOperationError(this.getNode(), `The Instance must be a name, not ${describeType(raw)}`, {
			description: 'Pick an instance from the list or enter its name.',
			itemIndex,
		});
	}
	let name = typeof raw === 'string' ? raw.trim() : '';
	if (!name) {
		const credentials = await readCredentials.call(this, itemIndex);
		name = String(credentials.defaultInstance ?? '').trim();
	}
	if (!name) {
		throw new NodeOperationError(this.getNode(), 'No instance selected', {
			description: 'Choose an instance in the Instance field, or set a Default Instance in the credential.',
			itemIndex,
		});
	}
	const problem = instanceNameProblem(name);
	if (problem) {
		throw new NodeOperationError(this.getNode(), `The instance name "${name}" is not valid: ${problem}`, {
			description: 'Use the exact instance name shown in Evolution API (Instance → Get Many lists them).',
			itemIndex,
		});
	}
	return name;
}

function describeType(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Resource-locator search over GET /instance/fetchInstances. */
export async function searchInstances(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { body } = await evolutionApiRequest.call(this, {
		method: 'GET',
		path: '/instance/fetchInstances',
	});
	const rows = Array.isArray(body) ? (body as IDataObject[]) : [];
	const needle = (filter ?? '').toLowerCase();
	const results = rows
		.map((row) => {
			const name = String(row.name ?? (row.instance as IDataObject | undefined)?.instanceName ?? '');
			const state = String(row.connectionStatus ?? '');
			const owner = String(row.ownerJid ?? '').split('@')[0];
			const label = [name, state && `(${state})`, owner && `· ${owner}`].filter(Boolean).join(' ');
			return { name: label, value: name };
		})
		.filter((entry) => entry.value && (!needle || entry.name.toLowerCase().includes(needle)))
		.sort((a, b) => a.value.localeCompare(b.value));
	return { results };
}

/**
 * The instance whose items an editor list shows: the node's Instance field, else the
 * credential's Default Instance. An unresolved expression cannot name an instance here.
 */
export async function instanceForList(this: ILoadOptionsFunctions): Promise<string> {
	let raw: unknown;
	try {
		raw = this.getCurrentNodeParameter('instanceName', { extractValue: true });
	} catch {
		raw = undefined;
	}
	let name = typeof raw === 'string' && !raw.startsWith('=') ? raw.trim() : '';
	if (!name) {
		const credentials = await readCredentials.call(this);
		name = String(credentials.defaultInstance ?? '').trim();
	}
	if (!name) {
		throw new NodeOperationError(this.getNode(), 'Select an instance first', {
			description: 'The list shows the items of the instance chosen in the Instance field (or the Default Instance of the credential).',
		});
	}
	const problem = instanceNameProblem(name);
	if (problem) throw new NodeOperationError(this.getNode(), `The instance name "${name}" is not valid: ${problem}`);
	return name;
}
