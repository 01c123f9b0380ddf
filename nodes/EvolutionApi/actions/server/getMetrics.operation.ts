import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';

/** Parses Prometheus text lines such as `evolution_instance_up{instance="a"} 1`. */
export function parsePrometheus(text: string): IDataObject[] {
	const samples: IDataObject[] = [];
	for (const line of text.split('\n')) {
		const trimmed = line.trim();
		if (!trimmed || trimmed.startsWith('#')) continue;
		const match = trimmed.match(/^([a-zA-Z_:][\w:]*)(\{(.*)\})?\s+(\S+)/);
		if (!match) continue;
		const labels: IDataObject = {};
		for (const pair of (match[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]] = pair[2];
		samples.push({ name: match[1], labels, value: Number(match[4]) });
	}
	return samples;
}

export const getMetrics: OperationDefinition = {
	value: 'getMetrics',
	name: 'Get Metrics',
	action: 'Get server metrics',
	description: 'Get the Prometheus metrics (instances, states); the server must run with PROMETHEUS_METRICS=true',
	route: { method: 'GET', path: '/metrics' },
	idempotent: true,
	properties: [],
	async execute(context) {
		const text = String((await context.request({ response: 'text' })) ?? '');
		return { samples: parsePrometheus(text), text };
	},
};
