import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { instanceForList } from '../../../shared/instance';
import { buildPath, evolutionApiRequest } from '../../../shared/transport';


/** GET `path` (a catalogue route of the current instance) and return its rows. */
export async function listRows(this: ILoadOptionsFunctions, routePath: string): Promise<IDataObject[]> {
	const instance = await instanceForList.call(this);
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
