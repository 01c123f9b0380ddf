import type { ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { filterEntries, listRows, toOptions, toSearchResult, type ListEntry } from '../chatbot/lists';

export const CREDS_PATH = '/openai/creds/{instance}';

async function credentialEntries(this: ILoadOptionsFunctions): Promise<ListEntry[]> {
	const rows = await listRows.call(this, CREDS_PATH);
	// Only names and IDs: the rows also carry the API keys.
	return rows.map((row) => ({ name: String(row.name || row.id || ''), value: String(row.id ?? '') }));
}

/** Resource-locator list of the OpenAI credentials stored for the instance. */
export async function searchOpenAiCredentials(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return toSearchResult(filterEntries(await credentialEntries.call(this), filter));
}

export async function getOpenAiCredentials(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(filterEntries(await credentialEntries.call(this)));
}
