import type { Container, FeedOptions } from '@azure/cosmos';
import type { CustomerExplanation } from '../../scoring/explain';
import { customerBucket } from '../../scoring/snapshot';
import {
  chunkSchema,
  currentSchema,
  snapshotSchema,
  versionSchema,
  type ChunkDoc,
  type CurrentDoc,
  type SnapshotHead,
  type VersionDoc,
} from './documents';
import { guard, StoreError } from './errors';
import { parse, pointRead, queryPartition } from './read';

export const versionKeyOf = (partnerId: string, versionId: string): string => `${partnerId}/${versionId}`;

/** Each failed attempt means another import moved the pointer: a handful of concurrent imports settle well within this. */
const ADVANCE_ATTEMPTS = 20;

/**
 * Whether `candidate` should replace `current` as the current version: the later `asOf` wins; on the
 * same `asOf`, the later import (`importedAt`, then the time-sortable version id). A pointer written
 * before `importedAt` was kept on it counts as the earlier import.
 */
export function supersedes(
  candidate: Pick<CurrentDoc, 'versionId' | 'importedAt' | 'head'>,
  current: Pick<CurrentDoc, 'versionId' | 'importedAt' | 'head'>,
): boolean {
  if (candidate.head.asOf !== current.head.asOf) return candidate.head.asOf > current.head.asOf;
  const a = candidate.importedAt ?? '';
  const b = current.importedAt ?? '';
  return a !== b ? a > b : candidate.versionId >= current.versionId;
}

/**
 * Dataset versions, their rows in chunks, their score snapshots and the partner's `current`
 * pointer. An import writes a version completely before it moves the pointer (ETag-guarded), so a
 * reader never sees a half-written version.
 */
export class VersionRepository {
  constructor(
    private readonly partners: Container,
    private readonly chunks: Container,
  ) {}

  /** The hot read: the current snapshot head of a partner (one point read). */
  async current(partnerId: string): Promise<{ doc: CurrentDoc; etag: string } | undefined> {
    const read = await pointRead(this.partners, 'current', partnerId, currentSchema);
    // The schema checks the envelope and the fields every card reads; the rest is our engine's output.
    return read ? { doc: read.doc as unknown as CurrentDoc, etag: read.etag } : undefined;
  }

  /** The current version's id and snapshot head: what the cards and the reminder runs read. */
  async currentHead(partnerId: string): Promise<{ versionId: string; head: SnapshotHead } | undefined> {
    const current = await this.current(partnerId);
    return current ? { versionId: current.doc.versionId, head: current.doc.head } : undefined;
  }

  /** How many partners have a current version (for /healthz: a cross-partition count, not the hot path). */
  async partnersWithData(options: Pick<FeedOptions, 'abortSignal'> = {}): Promise<number> {
    const { resources } = await guard('count partners with data', () =>
      this.partners.items
        .query<number>("SELECT VALUE COUNT(1) FROM c WHERE c.type = 'current'", options)
        .fetchAll(),
    );
    return resources.reduce((sum, n) => sum + n, 0);
  }

  async createVersion(doc: VersionDoc): Promise<void> {
    await guard(`create ${doc.id}`, () => this.partners.items.create(doc));
  }

  async replaceVersion(doc: VersionDoc): Promise<void> {
    await guard(`update ${doc.id}`, () => this.partners.item(doc.id, doc.partnerId).replace(doc));
  }

  async writeChunk(doc: ChunkDoc): Promise<void> {
    await guard(`write chunk ${doc.versionKey}/${doc.id}`, () => this.chunks.items.upsert(doc));
  }

  async writeSnapshot(partnerId: string, versionId: string, head: SnapshotHead): Promise<void> {
    await guard(`write snapshot ${versionId}`, () =>
      this.partners.items.upsert({
        id: `snapshot:${versionId}`,
        type: 'snapshot',
        partnerId,
        versionId,
        head,
      }),
    );
  }

  async snapshot(partnerId: string, versionId: string): Promise<SnapshotHead | undefined> {
    const read = await pointRead(this.partners, `snapshot:${versionId}`, partnerId, snapshotSchema);
    return read?.doc.head as unknown as SnapshotHead | undefined;
  }

  /**
   * Writes the current pointer: `etag` is the one it was read with, so a concurrent move makes this
   * fail with PRECONDITION_FAILED (412); `undefined` means there was none, and a concurrent first
   * write makes the create fail with CONFLICT (409).
   */
  async setCurrent(doc: CurrentDoc, etag: string | undefined): Promise<void> {
    if (etag === undefined) {
      await guard(`create current of ${doc.partnerId}`, () => this.partners.items.create(doc));
    } else {
      await guard(`move current of ${doc.partnerId}`, () =>
        this.partners
          .item('current', doc.partnerId)
          .replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } }),
      );
    }
  }

  /**
   * Makes `doc` current unless the current version holds newer data (see `supersedes`). The decision
   * is taken on the pointer as read with its ETag and written only under that ETag, so a move by
   * another import in between (412, or 409 on the first one) makes it read and decide again: an
   * older dataset never replaces a newer one, however the imports overlap. True when `doc` is current.
   */
  async advanceCurrent(doc: CurrentDoc): Promise<boolean> {
    for (let attempt = 0; attempt < ADVANCE_ATTEMPTS; attempt++) {
      const current = await this.current(doc.partnerId);
      if (current && !supersedes(doc, current.doc)) return false;
      try {
        await this.setCurrent(doc, current?.etag);
        return true;
      } catch (error) {
        if (!(
          error instanceof StoreError &&
          (error.code === 'PRECONDITION_FAILED' || error.code === 'CONFLICT')
        ))
          throw error;
      }
    }
    throw new StoreError(
      'CONFLICT',
      `could not make version ${doc.versionId} current for partner ${doc.partnerId}: the pointer moved ${ADVANCE_ATTEMPTS} times while deciding; import again`,
    );
  }

  /** Versions of a partner, newest first (a single-partition query). */
  async versions(partnerId: string): Promise<VersionDoc[]> {
    const resources = await queryPartition(
      this.partners,
      'partnerId',
      partnerId,
      "c.type = 'version' ORDER BY c.importedAt DESC",
    );
    return resources.map((r) => parse(versionSchema, r, `partners/${partnerId}/version`));
  }

  async version(partnerId: string, versionId: string): Promise<VersionDoc | undefined> {
    return (await pointRead(this.partners, `version:${versionId}`, partnerId, versionSchema))?.doc;
  }

  /** The explanation of one customer in a version (a point read of its bucket). */
  async customer(
    partnerId: string,
    versionId: string,
    buckets: number,
    tenantId: string,
  ): Promise<CustomerExplanation | undefined> {
    const bucket = customerBucket(tenantId, buckets);
    const read = await pointRead(
      this.chunks,
      `customers:${bucket}`,
      versionKeyOf(partnerId, versionId),
      chunkSchema,
    );
    return (read?.doc.items as CustomerExplanation[] | undefined)?.find((c) => c.tenantId === tenantId);
  }

  /**
   * Every customer explanation of a version: its buckets read at once (one for most partners, 40 for
   * 20,000 customers). For "which customers count?" and name searches, never on the hot path.
   */
  async allCustomers(partnerId: string, versionId: string, buckets: number): Promise<CustomerExplanation[]> {
    const versionKey = versionKeyOf(partnerId, versionId);
    const reads = await Promise.all(
      Array.from({ length: buckets }, (_, bucket) =>
        pointRead(this.chunks, `customers:${bucket}`, versionKey, chunkSchema),
      ),
    );
    return reads.flatMap((read) => (read?.doc.items as CustomerExplanation[] | undefined) ?? []);
  }

  /**
   * Customers of a version whose tenant id or name matches what a user typed: exact id or name
   * (case-insensitive) first, else names starting with it, else names containing it.
   */
  async findCustomers(
    partnerId: string,
    versionId: string,
    buckets: number,
    typed: string,
  ): Promise<CustomerExplanation[]> {
    const all = await this.allCustomers(partnerId, versionId, buckets);
    const q = typed.trim().toLowerCase();
    const tiers = [
      all.filter((c) => c.tenantId === typed.trim() || c.name.toLowerCase() === q),
      all.filter((c) => c.name.toLowerCase().startsWith(q)),
      all.filter((c) => c.name.toLowerCase().includes(q)),
    ];
    return tiers.find((t) => t.length > 0) ?? [];
  }

  /** All chunks of one kind of a version, in order (to rebuild the dataset). */
  async chunksOf(partnerId: string, versionId: string, kind: ChunkDoc['kind']): Promise<ChunkDoc[]> {
    const resources = await queryPartition(
      this.chunks,
      'versionKey',
      versionKeyOf(partnerId, versionId),
      'c.kind = @kind ORDER BY c.index',
      [{ name: '@kind', value: kind }],
    );
    return resources.map((r) => parse(chunkSchema, r, `datasetChunks/${versionId}`));
  }

  /** Deletes a version: its chunks, its snapshot and its metadata (never the current one). */
  async deleteVersion(partnerId: string, versionId: string): Promise<void> {
    const current = await this.current(partnerId);
    if (current?.doc.versionId === versionId) {
      throw new StoreError('CONFLICT', `version ${versionId} is the current version of partner ${partnerId}`);
    }
    const versionKey = versionKeyOf(partnerId, versionId);
    const resources = (await queryPartition(this.chunks, 'versionKey', versionKey, 'true')) as {
      id: string;
    }[];
    for (const { id } of resources) await this.deleteIfExists(this.chunks, id, versionKey);
    await this.deleteIfExists(this.partners, `snapshot:${versionId}`, partnerId);
    await this.deleteIfExists(this.partners, `version:${versionId}`, partnerId);
  }

  private async deleteIfExists(container: Container, id: string, partitionKey: string): Promise<void> {
    try {
      await guard(`delete ${container.id}/${id}`, () => container.item(id, partitionKey).delete());
    } catch (error) {
      if (!(error instanceof StoreError && error.code === 'NOT_FOUND')) throw error;
    }
  }
}
