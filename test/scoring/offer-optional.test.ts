import { azureEach, CURRENT_TTM, exact, PREVIOUS_TTM, score } from './builders';

/**
 * Rules §7 (amendment): Partner Center's Azure usage download has no offer column, so `offer` is
 * optional. A row without it passes the offer filter; the result says to how many rows the filter
 * could not be applied. A row with an ineligible offer is still not counted.
 */
describe('rules §7: offer is optional', () => {
  /** One customer growing from $100 to $1,200 a month, its rows with `offer` (or without it). */
  const growing = (offer: string | undefined) => ({
    azure: [...azureEach('t-1', PREVIOUS_TTM, 100), ...azureEach('t-1', CURRENT_TTM, 1_200)].map((row) => {
      const copy = { ...row, offer };
      if (offer === undefined) delete copy.offer;
      return copy;
    }),
  });

  test('a row without an offer counts like a row with an eligible one', () => {
    expect(exact(growing(undefined))).toEqual(exact(growing('Azure Plan')));
    expect(score(growing(undefined)).dataQuality.azureRowsWithoutOffer).toBe(24);
    expect(score(growing('Azure Plan')).dataQuality.azureRowsWithoutOffer).toBe(0);
  });

  test('an ineligible offer is still excluded, with its reason', () => {
    const trial = score(growing('Trial'));
    expect(trial.dataQuality.excludedRows.azure.offerNotEligible?.rows).toBe(24);
    expect(exact(growing('Trial'))).not.toEqual(exact(growing(undefined)));
  });
});
