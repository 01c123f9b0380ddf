/**
 * Shared set-up for the contract tests: runs the Evolution API node through n8n-core's engine
 * against the contract fake, with the package's real credential (its `authenticate` block
 * puts the `apikey` header on every request).
 */
import { createServer } from 'node:net';

import type { ICredentialDataDecryptedObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { EvolutionServerApi } from '../../credentials/EvolutionServerApi.credentials';
import { EvolutionApi } from '../../nodes/EvolutionApi/EvolutionApi.node';
import { startFakeEvolution, type FakeEvolution, type RecordedRequest } from '../fake';
import { executeNode, type ExecuteNodeResult } from '../harness';

/** Global key of the fake server (kept short: n8n's secret scanner reads tests too). */
export const API_KEY = 'test-key';
export const INSTANCE = 'inst';
export const INSTANCE_TOKEN = 'inst-token';

export async function startFake(options: Parameters<typeof startFakeEvolution>[0] = {}): Promise<FakeEvolution> {
	return await startFakeEvolution({
		apiKey: API_KEY,
		instances: [{ name: INSTANCE, token: INSTANCE_TOKEN, state: 'open' }],
		...options,
	});
}

/** A resource-locator value picking an instance by name. */
export function instanceParam(name = INSTANCE): INodeParameters {
	return { __rl: true, mode: 'name', value: name };
}

export interface RunActionOptions {
	parameters: INodeParameters;
	items?: INodeExecutionData[];
	credentials?: Partial<{ serverUrl: string; apiKey: string; defaultInstance: string }>;
	continueOnFail?: boolean;
	binaryMode?: 'default' | 'filesystem';
	webhookRoot?: string;
}

export function credentialsFor(fake: FakeEvolution, overrides: RunActionOptions['credentials'] = {}): ICredentialDataDecryptedObject {
	return { serverUrl: fake.url, apiKey: API_KEY, defaultInstance: '', ...overrides };
}

/** Runs the action node once with the given parameters (instance defaults to INSTANCE). */
export async function runAction(fake: FakeEvolution, options: RunActionOptions): Promise<ExecuteNodeResult> {
	const parameters: INodeParameters = { instanceName: instanceParam(), ...options.parameters };
	return await executeNode({
		node: new EvolutionApi(),
		parameters,
		items: options.items,
		continueOnFail: options.continueOnFail,
		binaryMode: options.binaryMode,
		webhookRoot: options.webhookRoot,
		credentials: { evolutionServerApi: credentialsFor(fake, options.credentials) },
		credentialTypes: [new EvolutionServerApi()],
	});
}

/** Asserts a recorded request reached `method path`, carried no query, and passed the server's validators. */
export function expectCall(request: RecordedRequest | undefined, method: string, path: string): RecordedRequest {
	expect(request).toBeDefined();
	const req = request!;
	expect(req.method).toBe(method);
	expect(req.path).toBe(path);
	expect(req.query).toEqual({});
	expect(req.validationErrors).toEqual([]);
	expect(req.violations).toEqual([]);
	expect(req.status).toBeLessThan(300);
	return req;
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago): for connection-refused cases. */
export async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as { port: number }).port;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}
