import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE, type EvolutionCredentials } from '../../../shared/credential';
import { instanceNameProblem } from '../../../shared/instance';
import { buildPath, evolutionApiRequest } from '../../../shared/transport';

/** The instance the editor's lists read from: the node's Instance field, else the credential's default. */
export async function listInstance(this: ILoadOptionsFunctions): Promise<string> {
	let raw: unknown;
	try {
		raw = this.getCurrentNodeParameter('instanceName', { extractValue: true });
	} catch {
		raw = undefined;
	}
	let name = typeof raw === 'string' && !raw.startsWith('=') ? raw.trim() : '';
	if (!name) {
		const credentials = await this.getCredentials<EvolutionCredentials>(CREDENTIAL_TYPE);
		name = String(credentials.defaultInstance ?? '').trim();
	}
	if (!name || instanceNameProblem(name)) {
		throw new NodeOperationError(this.getNode(), 'Select an instance first', {
			description: 'The list shows the items of the instance chosen in the Instance field (or the Default Instance of the credential).',
		});
	}
	return name;
}

/** GET `path` (a catalogue route of the current instance) and return its rows. */
export async function listRows(this: ILoadOptionsFunctions, routePath: string): Promise<IDataObject[]> {
	const instance = await listInstance.call(this);
	const { body } = await evolutionApiRequest.call(this, {
		method: 'GET',
		path: buildPath(routePath, { instance }),
		instance,
	});
	return Array.isArray(body) ? (body as IDataObject[]) : [];
}

export interface ListEntry {
	name: string;
	value: string;
}

export function filterEntries(entries: ListEntry[], filter?: string): ListEntry[] {
	const needle = (filter ?? '').trim().toLowerCase();
	return entries
		.filter((entry) => entry.value && (!needle || `${entry.name} ${entry.value}`.toLowerCase().includes(needle)))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export function toSearchResult(entries: ListEntry[]): INodeListSearchResult {
	return { results: entries };
}

export function toOptions(entries: ListEntry[]): INodePropertyOptions[] {
	return entries.map((entry) => ({ name: entry.name, value: entry.value }));
}
