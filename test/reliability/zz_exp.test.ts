import { runAction, startFake } from '../helpers/evolution';
it('exp', async () => {
	const fake = await startFake();
	const t0 = Date.now();
	const r = await runAction(fake, { parameters: { resource: 'message', operation: 'sendText', remoteJid: '55abc', text: 'hi', options: { delay: '={{ {a:1} }}' } } });
	console.log(Date.now() - t0, JSON.stringify(r.error, null, 1).slice(0, 3000));
	const t1 = Date.now();
	for (let i = 0; i < 20; i++) await runAction(fake, { parameters: { resource: 'message', operation: 'sendText', remoteJid: '5511988887777', text: 'hi' } });
	console.log('20 runs', Date.now() - t1);
	try {
		await runAction(fake, { parameters: { resource: 'message', operation: 'sendText', remoteJid: '', text: 'hi' } });
	} catch (e) { console.log('rejected', (e as Error).name, (e as Error).message, Object.keys(e as object)); }
	const r2 = await runAction(fake, { parameters: { resource: 'message', operation: 'sendText', remoteJid: '={{ "" }}', text: 'hi' } });
	console.log(r2.error?.message);
	const r3 = await runAction(fake, { parameters: { resource: 'message', operation: 'sendLocation', remoteJid: '5511988887777', latitude: '={{ "abc" }}', longitude: 1 } });
	console.log(r3.error?.name, r3.error?.message);
	const r4 = await runAction(fake, { parameters: { resource: 'message', operation: 'sendLocation', remoteJid: '5511988887777', latitude: 'abc', longitude: 1 } as never });
	console.log(r4.error?.name, r4.error?.message);
	await fake.close();
});
