/**
 * nodes/shared/jwt.ts against jsonwebtoken (the library Evolution API signs with) and the
 * fake server's signer.
 */
import { bearerToken, signHs256, verifyHs256 } from '../nodes/shared/jwt';
import { webhookJwt } from './fake';

interface JsonWebToken {
	sign(payload: object, secret: string, options: { algorithm: string; }): string;
	verify(token: string, secret: string, options: { algorithms: string[]; clockTolerance?: number }): object;
}
// A dependency of n8n-core; Evolution API 2.3.6 uses it in webhook.controller.ts.
const jsonwebtoken = jest.requireActual<JsonWebToken>('jsonwebtoken');

const SECRET = 'unit-test-secret';
const NOW = 1_761_048_000;
const options = { nowSeconds: NOW, leewaySeconds: 30, requiredClaims: { app: 'evolution', action: 'webhook' } };
const evolutionPayload = (iat = NOW) => ({ iat, exp: iat + 600, app: 'evolution', action: 'webhook' });

describe('verifyHs256', () => {
	it('accepts what jsonwebtoken signs, as Evolution does', () => {
		const token = jsonwebtoken.sign(evolutionPayload(), SECRET, { algorithm: 'HS256' });
		expect(verifyHs256(token, SECRET, options)).toEqual({ valid: true, payload: evolutionPayload() });
	});

	it("signs exactly like jsonwebtoken and the fake server", () => {
		const token = signHs256(evolutionPayload(), SECRET);
		expect(token).toBe(jsonwebtoken.sign(evolutionPayload(), SECRET, { algorithm: 'HS256' }));
		expect(jsonwebtoken.verify(token, SECRET, { algorithms: ['HS256'], clockTolerance: 1e10 })).toMatchObject({ app: 'evolution' });
		expect(verifyHs256(webhookJwt(SECRET, NOW * 1000), SECRET, options).valid).toBe(true);
	});

	it.each([
		['expired beyond the leeway', signHs256(evolutionPayload(NOW - 631), SECRET), 'expired'],
		['issued in the future beyond the leeway', signHs256(evolutionPayload(NOW + 31), SECRET), 'notYetValid'],
		['not yet valid (nbf)', signHs256({ ...evolutionPayload(), nbf: NOW + 60 }, SECRET), 'notYetValid'],
		['without exp', signHs256({ iat: NOW, app: 'evolution', action: 'webhook' }, SECRET), 'claims'],
		['with a string exp', signHs256({ iat: NOW, exp: String(NOW + 600) as unknown as number, app: 'evolution', action: 'webhook' }, SECRET), 'claims'],
		['for another app', signHs256({ ...evolutionPayload(), app: 'other' }, SECRET), 'claims'],
		['signed with another secret', signHs256(evolutionPayload(), 'other-secret'), 'signature'],
		['signed with HS512', signHs256(evolutionPayload(), SECRET, { alg: 'HS512', typ: 'JWT' }), 'algorithm'],
		['unsigned (alg none)', `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(evolutionPayload())).toString('base64url')}.`, 'malformed'],
		['claiming alg none with a signature', `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(evolutionPayload())).toString('base64url')}.c2lnbmF0dXJl`, 'algorithm'],
		['with two parts', 'abc.def', 'malformed'],
		['with padding in a segment', `${signHs256(evolutionPayload(), SECRET)}=`, 'malformed'],
		['with a truncated signature', signHs256(evolutionPayload(), SECRET).slice(0, -4), 'signature'],
		['not JSON', 'bm90IGpzb24.bm90IGpzb24.c2ln', 'malformed'],
		['huge', `${'a'.repeat(9000)}.b.c`, 'malformed'],
	])('refuses a token %s', (_name, token, reason) => {
		expect(verifyHs256(token, SECRET, options)).toEqual({ valid: false, reason });
	});

	it('accepts an expiry within the leeway', () => {
		expect(verifyHs256(signHs256(evolutionPayload(NOW - 629), SECRET), SECRET, options).valid).toBe(true);
	});

	it('refuses a missing token or secret', () => {
		expect(verifyHs256(undefined, SECRET, options)).toEqual({ valid: false, reason: 'missing' });
		expect(verifyHs256(signHs256(evolutionPayload(), SECRET), undefined, options)).toEqual({ valid: false, reason: 'missing' });
	});

	it('checks the signature before reading any claim', () => {
		const expiredForged = signHs256(evolutionPayload(NOW - 10_000), 'other-secret');
		expect(verifyHs256(expiredForged, SECRET, options)).toEqual({ valid: false, reason: 'signature' });
	});
});

describe('bearerToken', () => {
	it.each([
		['Bearer abc.def.ghi', 'abc.def.ghi'],
		['bearer   abc', 'abc'],
		[['Bearer first', 'Bearer second'], 'first'],
		['Basic abc', undefined],
		['Bearer', undefined],
		['Bearer a b', undefined],
		[undefined, undefined],
	])('%j → %j', (header, token) => {
		expect(bearerToken(header)).toBe(token);
	});
});
