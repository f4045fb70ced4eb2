import type { Container } from '@azure/cosmos';
import { registrationSchema, tenantSchema, type Registration, type TenantMapping } from './documents';
import { guard, StoreError } from './errors';
import { parse, pointRead } from './read';

/** Each failed attempt means another registration of the partner was written meanwhile. */
const REGISTER_ATTEMPTS = 10;

/** A registration that cannot be written: its tenant is another partner's, or it does not match its schema. */
export class RegistrationError extends Error {
  constructor(
    readonly code: 'TENANT_TAKEN' | 'INVALID_REGISTRATION',
    message: string,
  ) {
    super(message);
    this.name = 'RegistrationError';
  }
}

function tenantTaken(tenantId: string, owner: string, partnerId: string): RegistrationError {
  return new RegistrationError(
    'TENANT_TAKEN',
    `tenant ${tenantId} is registered to partner ${owner}, not ${partnerId}; to move it, first \`npm run partners -- unregister-tenant --partner-id ${owner} --tenant ${tenantId}\``,
  );
}

/**
 * A registration as it will be written, checked with the readers' schema (one bad document stops
 * `partners list` and every reminder plan), plus what only a write must satisfy: admins-only needs
 * an admin, else nobody could see the score.
 */
function registrationToWrite(registration: Registration): Registration {
  const parsed = registrationSchema
    .refine((r) => !r.adminsOnly || r.adminObjectIds.length > 0, {
      path: ['adminObjectIds'],
      message: 'must name at least one admin (--admin OBJECT_ID) when only admins may view the score',
    })
    .safeParse(registration);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'registration'} ${i.message}`);
  throw new RegistrationError(
    'INVALID_REGISTRATION',
    `registration of partner ${registration.partnerId} not written: ${problems.join('; ')}`,
  );
}

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
   * replaced when given. What is written is checked first with the schema the readers use. Each
   * tenant is claimed in `tenants` with a create-if-absent, the single point of truth: of concurrent
   * claims exactly one wins, and a tenant of another partner is refused (TENANT_TAKEN).
   */
  async register(input: {
    partnerId: string;
    name: string;
    tenantIds?: readonly string[];
    adminObjectIds?: readonly string[];
    adminsOnly?: boolean;
  }): Promise<Registration> {
    const at = this.now().toISOString();
    const tenantIds = [...new Set(input.tenantIds ?? [])];
    const write = async (
      existing: Registration | undefined,
      etag: string | undefined,
    ): Promise<Registration> => {
      const merged = registrationToWrite({
        id: 'registration',
        type: 'registration',
        partnerId: input.partnerId,
        name: input.name,
        tenantIds: [...new Set([...(existing?.tenantIds ?? []), ...tenantIds])],
        adminObjectIds: [...new Set([...(existing?.adminObjectIds ?? []), ...(input.adminObjectIds ?? [])])],
        adminsOnly: input.adminsOnly ?? existing?.adminsOnly ?? false,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
      });
      // The claims first: a crash in between leaves a tenant pointing at its partner, which a retry completes.
      await this.claimTenants(input.partnerId, tenantIds, at);
      await guard(`register partner ${input.partnerId}`, () =>
        etag === undefined
          ? this.partners.items.create(merged)
          : this.partners
              .item('registration', input.partnerId)
              .replace(merged, { accessCondition: { type: 'IfMatch', condition: etag } }),
      );
      return merged;
    };
    // Concurrent registrations of one partner merge into each other instead of dropping a tenant or an admin.
    for (let attempt = 0; ; attempt++) {
      const existing = await pointRead(this.partners, 'registration', input.partnerId, registrationSchema);
      try {
        return await write(existing?.doc, existing?.etag);
      } catch (error) {
        const raced =
          error instanceof StoreError && (error.code === 'PRECONDITION_FAILED' || error.code === 'CONFLICT');
        if (!raced || attempt >= REGISTER_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Claims each tenant for `partnerId` with a create that fails (409) when the tenant is mapped
   * already: kept when it is this partner's, else the claims made here are given back and the
   * tenant is refused.
   */
  private async claimTenants(partnerId: string, tenantIds: readonly string[], at: string): Promise<void> {
    const claimed: string[] = [];
    for (const tenantId of tenantIds) {
      const { owner, created } = await this.claimTenant(partnerId, tenantId, at);
      if (created) claimed.push(tenantId);
      else if (owner !== partnerId) {
        for (const mine of claimed)
          await guard(`unmap tenant ${mine}`, () => this.tenants.item(mine, mine).delete());
        throw tenantTaken(tenantId, owner, partnerId);
      }
    }
  }

  /** The partner the tenant is mapped to, and whether this call created the mapping. */
  private async claimTenant(
    partnerId: string,
    tenantId: string,
    at: string,
  ): Promise<{ owner: string; created: boolean }> {
    const mapping: TenantMapping = { id: tenantId, tenantId, partnerId, registeredAt: at };
    for (;;) {
      try {
        await guard(`map tenant ${tenantId}`, () => this.tenants.items.create(mapping));
        return { owner: partnerId, created: true };
      } catch (error) {
        if (!(error instanceof StoreError && error.code === 'CONFLICT')) throw error;
      }
      const owner = await this.partnerForTenant(tenantId);
      // Unmapped between the create and the read: claim it again.
      if (owner !== undefined) return { owner, created: false };
    }
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
