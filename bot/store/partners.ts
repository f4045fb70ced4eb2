import type { Container } from '@azure/cosmos';
import { registrationSchema, tenantSchema, type Registration } from './documents';
import { guard, StoreError } from './errors';
import { parse, pointRead } from './read';

/**
 * Partner registrations and the Teams tenant → partner mapping. The bot resolves a partner only
 * through `partnerForTenant` (a point read by the sender's tenant id), never from a payload.
 */
export class PartnerRepository {
  constructor(
    private readonly partners: Container,
    private readonly tenants: Container,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(partnerId: string): Promise<Registration | undefined> {
    return (await pointRead(this.partners, 'registration', partnerId, registrationSchema))?.doc;
  }

  /** Every registration (an administration command: a cross-partition query, never on the hot path). */
  async list(): Promise<Registration[]> {
    const { resources } = await guard('list partners', () =>
      this.partners.items
        .query({ query: "SELECT * FROM c WHERE c.type = 'registration' ORDER BY c.partnerId" })
        .fetchAll(),
    );
    return resources.map((r: unknown) => parse(registrationSchema, r, 'partners/registration'));
  }

  /** The partner whose users a Teams tenant is, if registered. */
  async partnerForTenant(tenantId: string): Promise<string | undefined> {
    return (await pointRead(this.tenants, tenantId, tenantId, tenantSchema))?.doc.partnerId;
  }

  /**
   * Creates or updates a registration: name, tenants and admins are merged (added), `adminsOnly`
   * replaced when given. A tenant already mapped to another partner is refused (TENANT_TAKEN).
   */
  async register(input: {
    partnerId: string;
    name: string;
    tenantIds?: readonly string[];
    adminObjectIds?: readonly string[];
    adminsOnly?: boolean;
  }): Promise<Registration> {
    const at = this.now().toISOString();
    for (const tenantId of input.tenantIds ?? []) {
      const owner = await this.partnerForTenant(tenantId);
      if (owner !== undefined && owner !== input.partnerId) {
        throw new StoreError(
          'CONFLICT',
          `TENANT_TAKEN: tenant ${tenantId} is already registered to partner ${owner}`,
        );
      }
    }
    const existing = await this.get(input.partnerId);
    const merged: Registration = {
      id: 'registration',
      type: 'registration',
      partnerId: input.partnerId,
      name: input.name,
      tenantIds: [...new Set([...(existing?.tenantIds ?? []), ...(input.tenantIds ?? [])])],
      adminObjectIds: [...new Set([...(existing?.adminObjectIds ?? []), ...(input.adminObjectIds ?? [])])],
      adminsOnly: input.adminsOnly ?? existing?.adminsOnly ?? false,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
    };
    // The mapping first: a crash in between leaves a tenant pointing at a partner that a retry completes.
    for (const tenantId of input.tenantIds ?? []) {
      await guard(`map tenant ${tenantId}`, () =>
        this.tenants.items.upsert({ id: tenantId, tenantId, partnerId: input.partnerId, registeredAt: at }),
      );
    }
    await guard(`register partner ${input.partnerId}`, () => this.partners.items.upsert(merged));
    return merged;
  }

  /** Removes a tenant from a partner (its users then get "this organization isn't connected"). */
  async unregisterTenant(partnerId: string, tenantId: string): Promise<void> {
    const existing = await this.get(partnerId);
    if (!existing) throw new StoreError('NOT_FOUND', `partner ${partnerId} is not registered`);
    const owner = await this.partnerForTenant(tenantId);
    if (owner === partnerId)
      await guard(`unmap tenant ${tenantId}`, () => this.tenants.item(tenantId, tenantId).delete());
    const updated: Registration = {
      ...existing,
      tenantIds: existing.tenantIds.filter((t) => t !== tenantId),
      updatedAt: this.now().toISOString(),
    };
    await guard(`update partner ${partnerId}`, () => this.partners.items.upsert(updated));
  }
}
