import type { ResourceDefinition } from '../types';
import { connect } from './connect.operation';
import { create } from './create.operation';
import { deleteInstance } from './delete.operation';
import { getAll } from './getAll.operation';
import { getConnectionState } from './getConnectionState.operation';
import { logout } from './logout.operation';
import { restart } from './restart.operation';
import { setPresence } from './setPresence.operation';

export const instanceResource: ResourceDefinition = {
	value: 'instance',
	name: 'Instance',
	description: 'WhatsApp lines on the server: create, connect, state, presence',
	operations: [create, connect, getConnectionState, getAll, setPresence, restart, logout, deleteInstance],
};
