import { writeFileSync } from 'node:fs';
import type { INodeProperties } from 'n8n-workflow';
import { resources } from '../../nodes/EvolutionApi/actions';
it('lists', () => {
	const types = new Map<string, Set<string>>();
	const visit = (p: any, where: string) => {
		if (!p) return;
		const set = types.get(p.type) ?? new Set(); set.add(`${where}.${p.name}`); types.set(p.type, set);
		if (p.type === 'collection') for (const o of p.options ?? []) visit(o, `${where}.${p.name}`);
		if (p.type === 'fixedCollection') for (const g of p.options ?? []) for (const v of g.values ?? []) visit(v, `${where}.${p.name}.${g.name}`);
	};
	for (const r of resources) for (const o of r.operations) for (const p of o.properties as INodeProperties[]) visit(p, `${r.value}:${o.value}`);
	writeFileSync('/tmp/types.txt', [...types].map(([t, s]) => `${t} ${s.size}: ${[...s].slice(0, 400).join(' ')}`).join('\n\n'));
});
