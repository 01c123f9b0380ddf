/**
 * The server the in-process parts talk to, in a process of its own (see README: on 2 cores the
 * fake's CPU and heap must not be billed to the node under test, and its per-request
 * recording of bodies must not show up in the memory figures).
 *
 *   kind 'contract': the contract fake of Evolution API 2.3.6 (test/fake), which validates every
 *                    request with the server's JSON Schemas and records it.
 *   kind 'sink':     a bare node:http server that drains the body and answers a fixed
 *                    sendText-shaped record: the cheapest possible server, to show how much
 *                    of each figure is the fake's own work.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startFakeEvolution, type FakeEvolution } from '../../test/fake';
import { helperMain } from '../lib/child';

export const API_KEY = 'bench-key';
export const INSTANCE = 'bench';

export interface FakeServerInput {
	kind: 'contract' | 'sink';
	/** sink only: answer this many ms after the body arrived (a stand-in for a server that does real work). */
	delayMs?: number;
}

const SINK_ANSWER = Buffer.from(
	JSON.stringify({
		key: { remoteJid: '5511999999999@s.whatsapp.net', fromMe: true, id: '3EB0BENCHBENCHBENCH0' },
		pushName: '',
		status: 'PENDING',
		message: { conversation: 'hello' },
		messageType: 'conversation',
		messageTimestamp: 1700000000,
		instanceId: 'bench',
		source: 'unknown',
	}),
);

async function startSink(delayMs: number): Promise<{ url: string; count: () => number }> {
	let count = 0;
	const server = createServer((request, response) => {
		request.on('data', () => {});
		request.on('end', () => {
			count++;
			const answer = (): void => {
				response.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(SINK_ANSWER.length) });
				response.end(SINK_ANSWER);
			};
			if (delayMs > 0) setTimeout(answer, delayMs);
			else answer();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, count: () => count };
}

async function main(): Promise<void> {
	const input = JSON.parse(process.argv[2] ?? '{}') as FakeServerInput;
	const cpu = () => process.cpuUsage();
	if (input.kind === 'sink') {
		const sink = await startSink(input.delayMs ?? 0);
		helperMain(
			{ url: sink.url, apiKey: API_KEY, instance: INSTANCE },
			{ cpu, reset: () => null, lastRequest: () => null, stats: () => ({ requests: sink.count(), invalid: 0, statuses: {} }) },
		);
		return;
	}
	const fake: FakeEvolution = await startFakeEvolution({
		apiKey: API_KEY,
		instances: [{ name: INSTANCE, token: `${INSTANCE}-token`, state: 'open' }],
	});
	helperMain(
		{ url: fake.url, apiKey: API_KEY, instance: INSTANCE },
		{
			cpu,
			reset: () => {
				fake.resetState();
				return null;
			},
			/** The envelope of a real messages.upsert the fake emits for an incoming text (a template for deliveries). */
			sampleIncoming: async () => {
				await fake.simulateIncoming(INSTANCE, { from: '5511988887777', pushName: 'Ana', text: 'Hello from the bench' });
				const emitted = [...fake.emitted].reverse().find((event) => event.event === 'messages.upsert');
				if (!emitted) throw new Error('the fake emitted no messages.upsert');
				return emitted.envelope;
			},
			lastRequest: () => {
				const last = fake.lastRequest();
				if (!last) return null;
				return {
					method: last.method,
					path: last.path,
					status: last.status,
					contentType: String(last.headers['content-type'] ?? ''),
					bodyBytes: last.rawBody.length,
					files: last.files.map((file) => ({ field: file.fieldName, bytes: file.data.length, contentType: file.contentType })),
					problems: [...last.validationErrors, ...last.violations],
				};
			},
			stats: () => {
				const statuses: Record<string, number> = {};
				let invalid = 0;
				const problems: string[] = [];
				for (const request of fake.requests) {
					statuses[request.status] = (statuses[request.status] ?? 0) + 1;
					if (request.validationErrors.length || request.violations.length || !request.route) {
						invalid++;
						if (problems.length < 3) problems.push(`${request.method} ${request.path}: ${[...request.validationErrors, ...request.violations].join('; ')}`);
					}
				}
				return { requests: fake.requests.length, invalid, statuses, problems };
			},
		},
	);
}

void main();
