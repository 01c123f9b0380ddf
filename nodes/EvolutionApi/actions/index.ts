import { baileysResource } from './baileys/Baileys.resource';
import { businessCatalogResource } from './business/BusinessCatalog.resource';
import { callResource } from './call/Call.resource';
import { chatResource } from './chat/Chat.resource';
import { chatwootResource } from './chatwoot/Chatwoot.resource';
import { difyResource } from './dify/Dify.resource';
import { eventResource } from './event/Event.resource';
import { evoAiResource } from './evoAi/EvoAI.resource';
import { evolutionBotResource } from './evolutionBot/EvolutionBot.resource';
import { flowiseResource } from './flowise/Flowise.resource';
import { groupResource } from './group/Group.resource';
import { instanceResource } from './instance/Instance.resource';
import { instanceSettingResource } from './instanceSetting/InstanceSetting.resource';
import { labelResource } from './label/Label.resource';
import { messageResource } from './message/Message.resource';
import { n8nBotResource } from './n8nBot/N8nBot.resource';
import { openAiResource } from './openAi/OpenAI.resource';
import { profileResource } from './profile/Profile.resource';
import { proxyResource } from './proxy/Proxy.resource';
import { s3Resource } from './s3/S3.resource';
import { serverResource } from './server/Server.resource';
import { templateResource } from './template/Template.resource';
import { typebotResource } from './typebot/Typebot.resource';
import type { OperationDefinition, ResourceDefinition } from './types';

/** Every resource of the action node; the first is preselected in the editor. */
export const resources: ResourceDefinition[] = [
	messageResource,
	instanceResource,
	chatResource,
	groupResource,
	profileResource,
	labelResource,
	callResource,
	businessCatalogResource,
	templateResource,
	instanceSettingResource,
	proxyResource,
	eventResource,
	chatwootResource,
	s3Resource,
	evolutionBotResource,
	typebotResource,
	openAiResource,
	difyResource,
	flowiseResource,
	n8nBotResource,
	evoAiResource,
	baileysResource,
	serverResource,
];

/** `resource:operation` → definition, for the router and the route-coverage report. */
export const operationIndex = new Map<string, OperationDefinition>(
	resources.flatMap((resource) =>
		resource.operations.map((operation) => [`${resource.value}:${operation.value}`, operation] as const),
	),
);

/** listSearch and loadOptions methods of every resource, merged for the node's `methods`. */
export const methods = {
	listSearch: Object.assign({}, ...resources.map((resource) => resource.methods?.listSearch ?? {})),
	loadOptions: Object.assign({}, ...resources.map((resource) => resource.methods?.loadOptions ?? {})),
};
