import type { PartnerDataset } from './dataset';

/**
 * The dataset as it was pulled on an earlier `asOf`: its months after that day's month and its events
 * after that day are not in it yet — certifications, specializations awarded or referenced, audits
 * held (a gap review after that day not yet known) and Applied Skills. Pure: for the demo partners'
 * history and for tests that move a dataset back in time.
 */
export function datasetAsPulledOn(data: PartnerDataset, asOf: string): PartnerDataset {
  const month = asOf.slice(0, 7);
  const { mau, specializations, appliedSkills } = data;
  type Audit = NonNullable<NonNullable<typeof specializations>[number]['audit']>;
  const auditOn = (audit: Audit): { audit?: Audit } => {
    if (audit.auditDate > asOf) return {};
    const { gapReviewDate, ...held } = audit;
    return { audit: gapReviewDate !== undefined && gapReviewDate > asOf ? held : audit };
  };
  return {
    ...data,
    asOf,
    azureConsumption: data.azureConsumption.filter((row) => row.month <= month),
    m365Licenses: data.m365Licenses.filter((row) => row.month <= month),
    certifications: data.certifications.filter((row) => row.earned <= asOf),
    ...(mau ? { mau: mau.filter((row) => row.month <= month) } : {}),
    ...(specializations
      ? {
          specializations: specializations
            .filter((s) => (s.firstAwarded ?? '') <= asOf && (s.referencesApprovedOn ?? '') <= asOf)
            .map(({ audit, ...s }) => ({ ...s, ...(audit ? auditOn(audit) : {}) })),
        }
      : {}),
    ...(appliedSkills ? { appliedSkills: appliedSkills.filter((row) => row.earned <= asOf) } : {}),
  };
}
