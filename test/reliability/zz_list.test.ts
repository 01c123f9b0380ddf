import { writeFileSync } from 'node:fs';
import { resources } from '../../nodes/EvolutionApi/actions';
it('lists', () => {
	const out: string[] = [];
	let n = 0;
	const fmt = (p: any): string => !p ? 'UNDEFINED' : `${p.name}:${p.type}${p.required ? '*' : ''}${p.displayOptions ? '[d]' : ''}`;
	for (const r of resources) for (const o of r.operations) { n++; out.push([r.value, o.value, o.route.method, o.route.path, o.idempotent ? 'IDEM' : '', o.properties.map(fmt).join(' ')].join(' ')); }
	out.push(String(n));
	writeFileSync('/tmp/ops.txt', out.join('\n'));
});
