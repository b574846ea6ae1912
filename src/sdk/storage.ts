/**
 * The storage interface bot state is kept behind (read, write, delete with eTags) and the SDK's
 * in-memory implementation (Agents SDK: the same names in `@microsoft/agents-hosting`).
 */
export { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
