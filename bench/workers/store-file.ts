/**
 * Part 2 set-up, in a process of its own: puts the files into n8n's filesystem binary store
 * (BenchUserFolder/.n8n/storage) with BinaryDataService.store, as prepareBinaryData does, and
 * returns their binary properties. The measuring processes then only reference them by id, so
 * their heap and malloc arenas never held the file's bytes before the measured send.
 */
import '../lib/env';

import type { IBinaryData } from 'n8n-workflow';

import { useBinaryDataMode } from '../../test/harness/binary';
import { childMain } from '../lib/child';
import { storeFile } from '../lib/engine';

export interface StoreFileInput {
	files: Array<{ path: string; fileName: string; mimeType: string }>;
}

async function main(input: StoreFileInput): Promise<IBinaryData[]> {
	await useBinaryDataMode('filesystem');
	const stored: IBinaryData[] = [];
	for (const file of input.files) {
		const binary = await storeFile(file.path, file);
		if (!binary.id) throw new Error(`${file.path} was not stored on disk (no binary data id)`);
		stored.push(binary);
	}
	return stored;
}

if (require.main === module) childMain(main);
