import type * as Sdk from 'botbuilder';
import { botbuilder } from './packages.js';

/**
 * The storage interface bot state is kept behind (read, write, delete with eTags) and the SDK's
 * in-memory implementation (Agents SDK: the same names in `@microsoft/agents-hosting`).
 */
export const { MemoryStorage } = botbuilder;
export type MemoryStorage = Sdk.MemoryStorage;
export type { Storage, StoreItems } from 'botbuilder';
