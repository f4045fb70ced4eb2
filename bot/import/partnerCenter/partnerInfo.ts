import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { partnerDatasetSchema } from '../../../scoring';
import type { FileProblem } from './types';

/**
 * The small side file for what Partner Center has no download for: the partner's identity, the
 * designation and the specializations (as in the dataset contract, with the audit of each from
 * 2026-07-30), the people's Applied Skills and an `asOf` override.
 * YAML or JSON (JSON is YAML); unknown fields are refused so a typo never passes silently.
 */
export const partnerInfoSchema = z.strictObject({
  partner: partnerDatasetSchema.shape.partner.optional(),
  asOf: partnerDatasetSchema.shape.asOf.optional(),
  designation: partnerDatasetSchema.shape.designation,
  specializations: partnerDatasetSchema.shape.specializations,
  appliedSkills: partnerDatasetSchema.shape.appliedSkills,
});

export type PartnerInfo = z.infer<typeof partnerInfoSchema>;

/** Side files are named like this; everything else is read as a delimited download. */
export function isPartnerInfoName(name: string): boolean {
  return /\.(ya?ml|json)$/i.test(name);
}

/** At most this many bytes: the file holds a handful of fields. */
export const MAX_PARTNER_INFO_BYTES = 1024 * 1024;

export type PartnerInfoOutcome =
  | { readonly ok: true; readonly info: PartnerInfo }
  | { readonly ok: false; readonly problems: readonly FileProblem[] };

export function parsePartnerInfo(file: string, text: string): PartnerInfoOutcome {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    return {
      ok: false,
      problems: [{ file, message: `not valid YAML or JSON: ${(error as Error).message}` }],
    };
  }
  const parsed = partnerInfoSchema.safeParse(document ?? {});
  if (parsed.success) return { ok: true, info: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.flatMap((issue) => {
      const at = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map((key) => ({
          file,
          column: at ? `${at}.${key}` : key,
          message: `unknown field ${at ? `${at}.${key}` : key} (fields: partner, asOf, designation, specializations, appliedSkills)`,
        }));
      return [
        {
          file,
          ...(at ? { column: at } : {}),
          message: `${at || 'the document'}: ${issue.message}`,
        },
      ];
    }),
  };
}
