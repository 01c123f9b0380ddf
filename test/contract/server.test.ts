import type { FakeEvolution } from '../fake';
import { runAction, startFake } from '../helpers/evolution';

describe('Server resource', () => {
	let fake: FakeEvolution;
	beforeAll(async () => {
		fake = await startFake();
	});
	afterAll(async () => await fake.close());
	beforeEach(() => fake.reset());

	it('gets the server information', async () => {
		const result = await runAction(fake, { parameters: { resource: 'server', operation: 'getInformation' } });
		expect(result.error).toBeUndefined();
		expect(fake.lastRequest()!.route?.path).toBe('/');
		expect(result.items[0].json).toMatchObject({ version: '2.3.6' });
	});

	it('verifies the global key without passing the Facebook token on', async () => {
		fake.failNext('server.verifyCreds', {
			status: 200,
			body: { status: 200, message: 'Credentials are valid', facebookAppId: '1', facebookConfigId: '2', facebookUserToken: 'fb-secret-token' },
		});
		const result = await runAction(fake, { parameters: { resource: 'server', operation: 'verifyCredentials' } });
		expect(result.error).toBeUndefined();
		expect(fake.lastRequest()!.route?.path).toBe('/verify-creds');
		expect(result.items[0].json).toMatchObject({ message: 'Credentials are valid', facebookUserTokenSet: true });
		expect(JSON.stringify(result.items)).not.toContain('fb-secret-token');
	});

	it('parses Prometheus metrics', async () => {
		fake.failNext('server.metrics', {
			status: 200,
			contentType: 'text/plain; version=0.0.4',
			body: '# HELP evolution_instance_up up\nevolution_instance_up{instance="inst",integration="WHATSAPP-BAILEYS"} 1\nevolution_instances_total 2\n',
		});
		const result = await runAction(fake, { parameters: { resource: 'server', operation: 'getMetrics' } });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.samples).toEqual([
			{ name: 'evolution_instance_up', labels: { instance: 'inst', integration: 'WHATSAPP-BAILEYS' }, value: 1 },
			{ name: 'evolution_instances_total', labels: {}, value: 2 },
		]);
	});
});
