/**
 * Jest `setupFilesAfterEnv` entry: removes the per-test-file N8N_USER_FOLDER created by
 * test/setup/env.ts (n8n config file, filesystem binary data) once the file's tests are done.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

afterAll(() => {
	const userFolder = process.env.N8N_USER_FOLDER;
	// Only ever delete what env.ts created.
	if (userFolder?.startsWith(tmpdir()) && userFolder.includes('n8n-nodes-evolution-test-')) {
		rmSync(userFolder, { recursive: true, force: true });
	}
});
