/** Engine.IO 4 / Socket.IO 5 packets as Evolution API 2.3.6 (socket.io 4.8) sends them. */
import * as fc from 'fast-check';

import {
	connectErrorMessage,
	encodeConnect,
	encodeDisconnect,
	encodePong,
	eventOf,
	instanceNamespace,
	namespaceProblem,
	parseEnginePacket,
	parseSocketPacket,
	socketUrl,
} from '../../nodes/shared/socket/protocol';

describe('Engine.IO packets', () => {
	it('parses the open packet with the server timings', () => {
		expect(parseEnginePacket('0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}')).toEqual({
			type: 'open',
			sid: 'abc',
			pingInterval: 25000,
			pingTimeout: 20000,
		});
		// Missing or nonsense timings fall back to socket.io's defaults.
		expect(parseEnginePacket('0{"sid":"abc","pingInterval":-1}')).toMatchObject({ pingInterval: 25000, pingTimeout: 20000 });
	});

	it('parses ping, pong, close, message, noop and upgrade', () => {
		expect(parseEnginePacket('2')).toEqual({ type: 'ping', data: '' });
		expect(parseEnginePacket('2probe')).toEqual({ type: 'ping', data: 'probe' });
		expect(parseEnginePacket('3')).toEqual({ type: 'pong', data: '' });
		expect(parseEnginePacket('1')).toEqual({ type: 'close' });
		expect(parseEnginePacket('440/x,')).toEqual({ type: 'message', data: '40/x,' });
		expect(parseEnginePacket('6')).toEqual({ type: 'noop' });
		expect(parseEnginePacket('5')).toEqual({ type: 'upgrade' });
	});

	it('rejects what is not an Engine.IO text packet', () => {
		for (const frame of ['', '7', 'x', '0', '0{"nosid":1}', '0not json', null, undefined, 42, Buffer.from('2')]) {
			expect(parseEnginePacket(frame)).toBeUndefined();
		}
	});

	it('never throws on arbitrary input', () => {
		fc.assert(fc.property(fc.oneof(fc.string(), fc.anything()), (frame) => {
			parseEnginePacket(frame);
			return true;
		}));
	});
});

describe('Socket.IO packets', () => {
	it('parses the namespace connect answer and the refusal before the namespace exists', () => {
		expect(parseSocketPacket('0/inst,{"sid":"s1"}')).toEqual({ type: 'connect', namespace: '/inst', data: { sid: 's1' } });
		const refusal = parseSocketPacket('4/inst,{"message":"Invalid namespace"}');
		expect(refusal).toEqual({ type: 'connectError', namespace: '/inst', data: { message: 'Invalid namespace' } });
		expect(connectErrorMessage(refusal!)).toBe('Invalid namespace');
		expect(connectErrorMessage({ type: 'connectError', namespace: '/', data: 'plain' })).toBe('plain');
		expect(connectErrorMessage({ type: 'connectError', namespace: '/' })).toBe('connection to the namespace refused');
	});

	it('parses an Evolution event with its envelope', () => {
		const packet = parseSocketPacket('2/inst,["messages.upsert",{"event":"messages.upsert","instance":"inst","data":{"key":{"id":"A"}},"apikey":"t"}]');
		expect(packet).toMatchObject({ type: 'event', namespace: '/inst' });
		expect(eventOf(packet!)).toEqual({
			name: 'messages.upsert',
			payload: { event: 'messages.upsert', instance: 'inst', data: { key: { id: 'A' } }, apikey: 't' },
		});
	});

	it('parses the main namespace, ack ids, disconnects and binary headers', () => {
		expect(parseSocketPacket('2["x",1]')).toEqual({ type: 'event', namespace: '/', data: ['x', 1] });
		expect(parseSocketPacket('2/a,12["x"]')).toEqual({ type: 'event', namespace: '/a', id: 12, data: ['x'] });
		expect(parseSocketPacket('1/a,')).toEqual({ type: 'disconnect', namespace: '/a', data: undefined });
		expect(parseSocketPacket('1/a')).toEqual({ type: 'disconnect', namespace: '/a', data: undefined });
		expect(parseSocketPacket('51-/a,["x",{"_placeholder":true,"num":0}]')).toMatchObject({ type: 'binaryEvent', namespace: '/a' });
		expect(parseSocketPacket('3/a,5[]')).toEqual({ type: 'ack', namespace: '/a', id: 5, data: [] });
	});

	it('rejects malformed packets', () => {
		for (const text of [
			'',
			'9',
			'x',
			'2/a,{"not":"an array"}',
			'2/a,[]',
			'2/a,[1,2]',
			'2/a,["x"',
			'5/a,["x"]', // binary event without the attachments header
			'4/a,[1]',
			'2/a,99999999999999999999["x"]',
			null,
			{},
		]) {
			expect(parseSocketPacket(text)).toBeUndefined();
		}
	});

	it('never throws on arbitrary input', () => {
		fc.assert(fc.property(fc.string(), (text) => {
			parseSocketPacket(text);
			parseSocketPacket(`2/a,${text}`);
			return true;
		}));
	});

	it('encodes what the client sends', () => {
		expect(encodeConnect('/inst')).toBe('40/inst,');
		expect(encodeConnect('/')).toBe('40');
		expect(encodeDisconnect('/inst')).toBe('41/inst,');
		expect(encodeDisconnect('/')).toBe('41');
		expect(encodePong()).toBe('3');
		expect(encodePong('probe')).toBe('3probe');
		expect(instanceNamespace('my line')).toBe('/my line');
		// What the client sends, the parser reads back.
		expect(parseSocketPacket(encodeConnect('/my line').slice(1))).toMatchObject({ type: 'connect', namespace: '/my line' });
	});

	it('refuses instance names a namespace cannot carry', () => {
		expect(namespaceProblem('a,b')).toMatch(/comma/);
		expect(namespaceProblem('my line')).toBeUndefined();
	});
});

describe('socketUrl', () => {
	it('builds the websocket address without credentials', () => {
		expect(socketUrl('http://127.0.0.1:8080')).toBe('ws://127.0.0.1:8080/socket.io/?EIO=4&transport=websocket');
		expect(socketUrl('https://evo.example.com/base/')).toBe('wss://evo.example.com/base/socket.io/?EIO=4&transport=websocket');
		expect(socketUrl('https://user:pass@evo.example.com')).toBe('wss://evo.example.com/socket.io/?EIO=4&transport=websocket');
	});
});
