import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readLocatorId, withAdvice } from '../chatbot/factory';
import type { OperationDefinition } from '../types';

export function deleteCredential(credentialLocator: INodeProperties): OperationDefinition {
	return {
		value: 'deleteCredential',
		name: 'Delete Credential',
		action: 'Delete OpenAI credential',
		description:
			'Delete a stored OpenAI credential. The server refuses while an OpenAI bot or the default settings use it. Needs OPENAI_ENABLED=true on the server.',
		route: { method: 'DELETE', path: '/openai/creds/{openaiCredsId}/{instance}' },
		properties: [credentialLocator],
		async execute(context) {
			const { itemIndex } = context;
			const openaiCredsId = readLocatorId.call(this, 'openaiCredsId', itemIndex, 'OpenAI Credential');
			const advice: Array<[RegExp, string]> = [
				[
					/Error deleting openai creds|not found/i,
					'The credential does not exist on this instance, or an OpenAI bot or the default OpenAI settings still use it: change or delete those first.',
				],
			];
			return (await withAdvice.call(this, itemIndex, advice, async () =>
				await context.request({ pathParams: { openaiCredsId } }),
			)) as IDataObject;
		},
	};
}
