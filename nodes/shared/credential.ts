import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Type name of the package's one credential (see credentials/EvolutionServerApi.credentials.ts). */
export const CREDENTIAL_TYPE = 'evolutionServerApi';

export interface EvolutionCredentials extends ICredentialDataDecryptedObject {
	serverUrl: string;
	apiKey: string;
	defaultInstance: string;
}

/**
 * Turns what users paste into the Server URL field into the API's base URL.
 * Trailing slashes and the manager UI path (`/manager`, `/manager/instance/...`) are removed,
 * because requests sent below /manager reach the web UI and fail with "Cannot POST /manager/...".
 * Returns undefined when the value cannot be a server URL.
 */
export function normalizeServerUrl(raw: unknown): string | undefined {
	if (typeof raw !== 'string') return undefined;
	let url = raw.trim().replace(/\/+$/, '');
	url = url.replace(/\/manager(\/.*)?$/i, '').replace(/\/+$/, '');
	if (!/^https?:\/\/[^/\s]+/i.test(url)) return undefined;
	return url;
}
