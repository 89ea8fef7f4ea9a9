import { describe, expect, it } from 'vitest';
import { DENSITY_THRESHOLD, mapLayers } from './outreach.map.tsx';

/** What the outreach map draws, and so what its description (the map's text alternative) says. */
describe('outreach map layers', () => {
  const shops = (eligible: number, unknown: number) => [
    ...Array.from({ length: eligible }, () => ({ status: 'eligible' })),
    ...Array.from({ length: unknown }, () => ({ status: 'unknown' })),
  ];
  it('draws every shop as a point up to the threshold', () => {
    expect(mapLayers(shops(DENSITY_THRESHOLD, 0))).toBe('points');
    expect(mapLayers(shops(10, DENSITY_THRESHOLD - 10))).toBe('points');
  });
  it('draws the density layer above it, with the eligible shops as points while they are few enough', () => {
    expect(mapLayers(shops(200, 400))).toBe('density+eligible');
    expect(mapLayers(shops(DENSITY_THRESHOLD, 1))).toBe('density+eligible');
  });
  it('draws the density layer alone when the eligible shops are too many to draw', () => {
    expect(mapLayers(shops(DENSITY_THRESHOLD + 1, 0))).toBe('density');
    expect(mapLayers(shops(900, 100))).toBe('density');
  });
});
