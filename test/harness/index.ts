/**
 * Test harness running this package's nodes through n8n-core's real execution engine.
 * Needs test/setup/env.ts as a jest `setupFiles` entry.
 */
export { executeNode, HarnessStart, START_NODE_TYPE } from './workflow';
export type { ExecuteNodeOptions, ExecuteNodeResult } from './workflow';
export { createTriggerHarness } from './trigger';
export type {
	RunningTrigger,
	DeliveryRequest,
	DeliveryResult,
	TriggerHarness,
	TriggerHarnessOptions,
} from './trigger';
export { readBinary, toBinaryData, useBinaryDataMode } from './binary';
export type { BinaryMode } from './binary';
export { HarnessCredentialsHelper } from './credentials';
export { NodeTypesRegistry, PACKAGE_NAME } from './node-types';
export { INSTANCE_BASE_URL, baseUrls } from './additional-data';
