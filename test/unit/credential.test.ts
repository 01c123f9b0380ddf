import { Expression } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { EvolutionServerApi } from '../../credentials/EvolutionServerApi.credentials';
import type { FakeEvolution } from '../fake';
import { API_KEY, INSTANCE, INSTANCE_TOKEN, startFake } from '../helpers/evolution';

const credential = new EvolutionServerApi();

/** Resolves the credential test request the way n8n does: expressions over $credentials. */
function testRequestFor(data: IDataObject): { url: string; headers: Record<string, string> } {
	const request = credential.test.request;
	// n8n strips the leading '=' of an expression before resolving it.
	const resolve = (value: string | undefined) =>
		String(Expression.resolveWithoutWorkflow((value ?? '').replace(/^=/, ''), { $credentials: data }));
	const apikey = resolve(credential.authenticate.properties.headers!.apikey as string);
	return { url: `${resolve(request.baseURL)}${resolve(request.url)}`, headers: { apikey } };
}

describe('Evolution API credential', () => {
	let fake: FakeEvolution;
	beforeAll(async () => {
		fake = await startFake();
	});
	afterAll(async () => await fake.close());

	it('is named so that no other Evolution package collides with it', () => {
		expect(credential.name).toBe('evolutionServerApi');
		expect(['evolutionApi', 'evolutionApiApi', 'evolutionApiV2Api', 'evolutionWhatsAppApi']).not.toContain(credential.name);
		expect(credential.displayName).toBe('Evolution API');
		expect(credential.properties.find((p) => p.name === 'apiKey')?.typeOptions?.password).toBe(true);
	});

	it.each([
		['https://evo.example.com/', '', 'https://evo.example.com/instance/fetchInstances'],
		['https://evo.example.com/manager', '', 'https://evo.example.com/instance/fetchInstances'],
		['https://evo.example.com/manager/instance/x', '', 'https://evo.example.com/instance/fetchInstances'],
		['https://evo.example.com', 'my line', 'https://evo.example.com/instance/connectionState/my line'],
		[' https://evo.example.com// ', ' sales ', 'https://evo.example.com/instance/connectionState/sales'],
	])('tests %p (default instance %p) with %s', (serverUrl, defaultInstance, expected) => {
		expect(testRequestFor({ serverUrl, apiKey: 'k', defaultInstance }).url).toBe(expected);
	});

	it.each([
		['the global key, no default instance', { apiKey: API_KEY, defaultInstance: '' }, 200],
		['the global key and a default instance', { apiKey: API_KEY, defaultInstance: INSTANCE }, 200],
		['an instance token with its instance as default', { apiKey: INSTANCE_TOKEN, defaultInstance: INSTANCE }, 200],
		// Passes only where DATABASE_SAVE_DATA_INSTANCE=true (the fake models that default).
		['an instance token without a default instance', { apiKey: INSTANCE_TOKEN, defaultInstance: '' }, 200],
		['a wrong key', { apiKey: 'wrong', defaultInstance: '' }, 401],
	])('passes or fails against the server with %s', async (_label, data, status) => {
		const { url, headers } = testRequestFor({ serverUrl: `${fake.url}/manager/`, ...data });
		const response = await fetch(new URL(url), { headers });
		expect(response.status).toBe(status);
	});
});
