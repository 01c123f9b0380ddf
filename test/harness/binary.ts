import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';
import { BINARY_ENCODING, type IBinaryData } from 'n8n-workflow';

/**
 * - `default`: binary data stays in memory, base64 in `binary.<property>.data`.
 * - `filesystem`: n8n's filesystem mode; data is written under `$N8N_USER_FOLDER/.n8n/storage`
 *   (a temp folder, see test/setup/env.ts) and items carry only `binary.<property>.id`, so
 *   nodes must read it with `getBinaryStream`/`getBinaryDataBuffer`.
 */
export type BinaryMode = 'default' | 'filesystem';

/**
 * Switches n8n-core's BinaryDataService (a DI singleton, one per test file) to a mode.
 * Until `init()` runs the service has no storage manager and silently keeps data in memory,
 * which is why the harness calls this before every run.
 */
export async function useBinaryDataMode(mode: BinaryMode): Promise<void> {
	Container.get(BinaryDataConfig).mode = mode;
	await Container.get(BinaryDataService).init();
}

/** The bytes of a binary property, whatever mode stored it. */
export async function readBinary(binary: IBinaryData): Promise<Buffer> {
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}

/**
 * Builds an input item's binary property. The harness's start node re-stores it through
 * `this.helpers.prepareBinaryData`, so the node under test gets real n8n binary data in the
 * run's mode. Always give a mimeType: without one n8n sniffs it with the ESM-only
 * `file-type` package, which jest (CommonJS) cannot import.
 */
export function toBinaryData(
	content: Buffer | string,
	{ fileName, mimeType }: { fileName?: string; mimeType: string },
): IBinaryData {
	const buffer = typeof content === 'string' ? Buffer.from(content) : content;
	return { data: buffer.toString(BINARY_ENCODING), mimeType, fileName };
}
