import { buildProperties } from '../nodes/EvolutionApi/actions/description';
import { resources } from '../nodes/EvolutionApi/actions';
const props = buildProperties(resources);
const byName = new Map<string, Set<string>>();
for (const p of props) {
  const key = p.name;
  const sig = `${p.type}${(p.typeOptions as any)?.password ? '(pw)' : ''}`;
  if (!byName.has(key)) byName.set(key, new Set());
  byName.get(key)!.add(sig + ' @' + ((p.displayOptions?.show?.resource as string[]) ?? []).join(','));
}
const mine = ['enabled','events','updateMode','updateFields','options','webhookUrl','proxyHost','proxyPort','proxyProtocol','chatwootUrl','chatwootAccountId','chatwootToken','mediaId','download','outputBinaryField','filters','returnAll','limit','rejectCall','msgCall','pusherAppId','pusherKey','messageId'];
for (const n of mine) console.log(n, [...(byName.get(n) ?? [])].join(' | '));
console.log('total', props.length);
