import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { evolutionApiRequest } from '../../../shared/transport';
import { instanceForList } from '../../../shared/instance';

/** Resource-locator search over GET /label/findLabels. */
export async function searchLabels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const instance = await instanceForList.call(this);
	const { body } = await evolutionApiRequest.call(this, {
		method: 'GET',
		path: `/label/findLabels/${encodeURIComponent(instance)}`,
		instance,
	});
	const rows = Array.isArray(body) ? (body as IDataObject[]) : [];
	const needle = (filter ?? '').trim().toLowerCase();
	const results = rows
		.map((row) => {
			const id = String(row.id ?? '');
			const name = typeof row.name === 'string' && row.name.trim() ? row.name.trim() : id;
			return { name, value: id };
		})
		.filter((entry) => entry.value && (!needle || `${entry.name} ${entry.value}`.toLowerCase().includes(needle)))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
