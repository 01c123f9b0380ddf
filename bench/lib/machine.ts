import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from './n8n';

export interface MachineInfo {
	cpuModel: string;
	cores: number;
	memoryGb: number;
	freeMemoryGb: number;
	platform: string;
	node: string;
	n8nCore: string;
	n8nWorkflow: string;
	/** 1-minute load average when the bench started (the machines are shared and noisy). */
	loadAverageAtStart: number;
}

function versionOf(name: string): string {
	try {
		return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
	} catch {
		return 'unknown';
	}
}

export function machineInfo(): MachineInfo {
	const list = cpus();
	return {
		cpuModel: list[0]?.model?.trim() ?? 'unknown',
		cores: list.length,
		memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
		freeMemoryGb: Math.round((freemem() / 1024 ** 3) * 10) / 10,
		platform: `${platform()} ${release()}`,
		node: process.version,
		n8nCore: versionOf('n8n-core'),
		n8nWorkflow: versionOf('n8n-workflow'),
		loadAverageAtStart: Math.round(loadavg()[0] * 100) / 100,
	};
}
