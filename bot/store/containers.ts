/**
 * The Cosmos DB containers and their partition keys: the single source for the code, the embedded
 * store, the storage design in docs/deploy.md and the Azure template (issue 6).
 *
 * - partners (/partnerId): one logical partition per partner holds its registration, the `current`
 *   pointer with the current snapshot's head inline (the bot's hot read: one point read), the
 *   metadata and snapshot head of every kept version. Small documents, bounded by retention.
 * - tenants (/tenantId): Teams tenant → partner, the authorization point read on every message.
 * - datasetChunks (/versionKey = "<partnerId>/<versionId>"): a version's rows in chunks of a few
 *   thousand and its per-customer explanations in hash buckets; one partition per version, so a
 *   1,000,000-row import spreads nothing across partners and deleting a version is one partition.
 * - conversations (/partnerId) and reminderLedger (/partnerId): conversation references and the
 *   exactly-once reminder ledger (bot and reminder issues).
 */
export const CONTAINERS = {
  partners: { id: 'partners', partitionKey: '/partnerId' },
  tenants: { id: 'tenants', partitionKey: '/tenantId' },
  datasetChunks: { id: 'datasetChunks', partitionKey: '/versionKey' },
  conversations: { id: 'conversations', partitionKey: '/partnerId' },
  reminderLedger: { id: 'reminderLedger', partitionKey: '/partnerId' },
} as const;

export type ContainerName = keyof typeof CONTAINERS;
