import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';

/**
 * Who may start a reminder run over HTTP (`POST /api/reminders/run`): a caller with the shared
 * secret from configuration, or with an Entra ID access token issued for the bot's own app (e.g. a
 * Logic App or Azure Function with a managed identity granted to it). Never open: with neither
 * configured every call is refused.
 */

export type TriggerAuthResult =
  { readonly ok: true; readonly caller: string } | { readonly ok: false; readonly reason: string };

export interface TriggerAuthenticator {
  check(authorization: string | undefined): Promise<TriggerAuthResult>;
}

export interface EntraTokenConfig {
  readonly appId: string;
  readonly tenantId: string;
  /** The signing keys; by default Entra ID's published keys for the tenant (fetched and cached by jose). */
  readonly keys?: JWTVerifyGetKey;
  /**
   * Client (app) ids or object ids allowed to call; empty → any client of the tenant that can get a
   * token for the bot's app.
   */
  readonly allowedCallers?: readonly string[];
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

export function triggerAuthenticator(options: {
  readonly secret?: string;
  readonly entra?: EntraTokenConfig;
}): TriggerAuthenticator {
  const secretDigest = options.secret ? digest(options.secret) : undefined;
  const entra = options.entra;
  const keys =
    entra &&
    (entra.keys ??
      createRemoteJWKSet(new URL(`https://login.microsoftonline.com/${entra.tenantId}/discovery/v2.0/keys`)));
  return {
    async check(authorization) {
      if (!secretDigest && !entra) {
        return {
          ok: false,
          reason:
            'the trigger is disabled: set REMINDER_TRIGGER_SECRET, or MicrosoftAppId for Entra ID tokens',
        };
      }
      const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
      if (!match) return { ok: false, reason: 'missing "Authorization: Bearer <secret or token>"' };
      const credential = match[1]!;
      // Compared as digests: constant time, whatever the lengths.
      if (secretDigest && timingSafeEqual(digest(credential), secretDigest))
        return { ok: true, caller: 'shared secret' };
      if (entra && keys && credential.split('.').length === 3) {
        try {
          const { payload } = await jwtVerify(credential, keys, {
            audience: [entra.appId, `api://${entra.appId}`],
            issuer: [
              `https://login.microsoftonline.com/${entra.tenantId}/v2.0`,
              `https://sts.windows.net/${entra.tenantId}/`,
            ],
            algorithms: ['RS256'],
            clockTolerance: 300,
          });
          const ids = [payload.azp, payload.appid, payload.oid].filter(
            (v): v is string => typeof v === 'string',
          );
          if (entra.allowedCallers?.length && !ids.some((id) => entra.allowedCallers!.includes(id))) {
            return {
              ok: false,
              reason: `the token's client is not an allowed caller (REMINDER_TRIGGER_CALLERS)`,
            };
          }
          return { ok: true, caller: `Entra ID ${ids[0] ?? 'client'}` };
        } catch (error) {
          return { ok: false, reason: `invalid token: ${(error as Error).message}` };
        }
      }
      return { ok: false, reason: 'wrong credential' };
    },
  };
}
