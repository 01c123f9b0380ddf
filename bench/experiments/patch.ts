/**
 * Experiments try a change to the node code without touching the sources: they patch a copy of
 * compiled JavaScript (a copy of .build/bench, or the package as installed into an n8n user
 * folder) and measure both side by side. Nothing here is part of `npm run bench`.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { BENCH_DIR } from '../lib/child';

/** Replaces `search` (must occur) in a compiled file. */
export function patchFile(file: string, search: string, replacement: string): void {
	const source = readFileSync(file, 'utf8');
	if (!source.includes(search)) throw new Error(`patch: "${search.slice(0, 80)}" not found in ${file} (the source changed; update the experiment)`);
	writeFileSync(file, source.replace(search, replacement));
}

/** A copy of the compiled bench (.build/bench → .build/bench-<name>) whose files can be patched. */
export function benchCopy(name: string): { root: string; bench: string; remove: () => void } {
	const source = join(BENCH_DIR, '..');
	const root = join(source, '..', `bench-${name}`);
	rmSync(root, { recursive: true, force: true });
	cpSync(source, root, { recursive: true });
	return { root, bench: join(root, 'bench'), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** The start of the call in nodes/shared/transport.ts that hands the request to n8n, as tsc compiles it. */
export const HTTP_CALL = 'this.helpers.httpRequestWithAuthentication.call(this, credential_1.CREDENTIAL_TYPE, options, {';
/** The credential read at the top of evolutionApiRequest (once per run), as tsc compiles it. */
export const CREDENTIAL_READ = 'const credentials = await readCredentials.call(this, request.itemIndex);';
/** Where the multipart body is put on the request options, as tsc compiles it. */
export const FORM_BODY = 'options.body = request.body;';
