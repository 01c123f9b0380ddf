/** Part 1, per-item overhead: workers/overhead in a fresh process (see there). */
import { runChild } from '../lib/child';
import type { OverheadInput, OverheadResult } from '../workers/overhead';

export async function runOverhead(input: OverheadInput, verbose?: (line: string) => void): Promise<OverheadResult> {
	return await runChild<OverheadResult>('workers/overhead', input, { execArgv: ['--expose-gc'], timeoutMs: 1_800_000, onLog: verbose });
}
